using Plenary.Infrastructure.Web;

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

    public static string QrSvg(string uri, string label) => QrCodes.Svg(uri, label);
}
