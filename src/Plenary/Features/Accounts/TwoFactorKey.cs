using System.Globalization;
using System.Text;
using QRCoder;

namespace Plenary.Features.Accounts;

/// <summary>The authenticator key as a person types it, and as the QR code their app scans.</summary>
public static class TwoFactorKey
{
    public const string Issuer = "Plenary";

    /// <summary>Groups of four, easier to copy by hand than 32 characters in a row.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));

    /// <summary>The Key URI Format authenticator apps read (Google Authenticator's, followed by the others).</summary>
    public static string Uri(string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>
    /// The QR code as inline SVG: one path of dark modules on a white square (quiet zone included), so it needs no
    /// image request, no script and no style attribute the content security policy would block.
    /// </summary>
    public static string QrSvg(string uri, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }
        var encoded = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(label);
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size * 5}" height="{size * 5}" role="img" aria-label="{encoded}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
    }
}
