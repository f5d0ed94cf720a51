namespace Plenary.Infrastructure.Web;

public static class SecurityHeaders
{
    // Everything the pages need comes from this origin: one stylesheet, one small script. Nothing inline.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        // No page uses the camera, microphone or location unless it says so itself (the check-in desk's badge scanner).
        headers["Permissions-Policy"] = PermissionsPolicy;
        return next(context);
    });
}
