using System.Security.Cryptography;
using System.Text;

namespace Plenary.Infrastructure.Web;

public static class SecurityHeaders
{
    // Everything the pages need comes from this origin: one stylesheet, one small script. Nothing inline.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Lets this response carry one inline stylesheet, named by its hash: a signed-in reader's programme shows which
    /// sessions are in their agenda with a few rules of their own, while the rest of the page is the same for every
    /// reader. A hash rather than <c>'unsafe-inline'</c>, so that nothing else inline is allowed.
    /// </summary>
    public static void AllowInlineStyle(HttpContext context, string css)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
        context.Response.Headers.ContentSecurityPolicy =
            ContentSecurityPolicy.Replace("style-src 'self'", $"style-src 'self' 'sha256-{hash}'", StringComparison.Ordinal);
    }

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
