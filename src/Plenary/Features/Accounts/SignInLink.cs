using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Plenary.Features.Accounts;

/// <summary>
/// A one-time sign-in link, for people who would rather not keep a password. Only a hash of the secret is stored
/// (with its expiry, in the account's tokens); using the link removes it, so a link works once, within 15 minutes.
/// </summary>
public sealed class SignInLink(UserManager<Account> accounts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const string Provider = "Plenary";
    private const string Name = "SignInLink";

    public async Task<string> IssueAsync(Account account)
    {
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        await accounts.SetAuthenticationTokenAsync(account, Provider, Name, $"{expires.ToString(CultureInfo.InvariantCulture)}:{Hash(secret)}");
        return secret;
    }

    /// <summary>True once for a valid, unexpired secret; the stored token is removed whatever the outcome of a match.</summary>
    public async Task<bool> RedeemAsync(Account account, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return false;
        }
        var stored = await accounts.GetAuthenticationTokenAsync(account, Provider, Name);
        if (stored?.Split(':') is not [var expiresText, var hash] || !long.TryParse(expiresText, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            return false;
        }
        await accounts.RemoveAuthenticationTokenAsync(account, Provider, Name);
        return clock.GetUtcNow().ToUnixTimeSeconds() <= expires;
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
