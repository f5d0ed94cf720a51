namespace Plenary.Infrastructure.Web;

public static class SecurityHeaders
{
    // Everything the pages need comes from this origin: one stylesheet, one small script. Nothing inline.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        // The camera only for the check-in desk, where staff may scan badges with it.
        headers["Permissions-Policy"] = context.Request.Path.Value?.EndsWith("/manage/check-in", StringComparison.Ordinal) == true
            ? "camera=(self), microphone=(), geolocation=()"
            : "camera=(), microphone=(), geolocation=()";
        return next(context);
    });
}
