using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Accounts;

/// <summary>
/// A personal token for the write API, made on the account page and sent as <c>Authorization: Bearer pln_…</c>.
/// Only its SHA-256 hash is kept; the token is shown once. The write API accepts nothing else, so a browser's sign-in
/// cookie can never be used to change data from another site (no cross-site request forgery through the API).
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "pln_";
    public const int MaxName = 100;

    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Updated at most hourly, so that reading it costs no write per request.</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>A new random token and the record that knows it only by its hash.</summary>
    public static (string Token, ApiToken Record) Create(int accountId, string name, DateTime now, DateTime? expiresAt)
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, new ApiToken { AccountId = accountId, Name = name, Hash = HashOf(token), CreatedAt = now, ExpiresAt = expiresAt });
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Signs in an API request by its bearer token: the token's account, with the same claims a sign-in would give.</summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PlenaryDb db, IUserClaimsPrincipalFactory<Account> claims, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return AuthenticateResult.Fail("Not a Plenary API token.");
        }
        var hash = ApiToken.HashOf(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (found is null || found.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == found.AccountId, Context.RequestAborted);
        if (account is null || !account.EmailConfirmed || account.LockoutEnd > clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("The token's account cannot sign in.");
        }
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromHours(1))
        {
            // One statement, outside the request's own changes.
            await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var principal = await claims.CreateAsync(account);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Plenary\"";
        return base.HandleChallengeAsync(properties);
    }
}
