using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Plenary.Features.Accounts;

/// <summary>Identity's tokens travel in links base64url-encoded; a mangled one is treated like an expired one.</summary>
public static class Tokens
{
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
