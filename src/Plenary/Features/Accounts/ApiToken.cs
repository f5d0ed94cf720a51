using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
    public const int HashLength = 64;
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

/// <summary>
/// Signs in an API request by its bearer token: the token's account, with the same claims a sign-in would give.
/// The web sign-in's lockout does not apply: wrong passwords from anyone would otherwise switch off a program's token,
/// a credential of its own that no password guess comes near. Wrong tokens are held back on their own, per source
/// address (<see cref="BadTokenLimit"/>).
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PlenaryDb db, IUserClaimsPrincipalFactory<Account> claims, TimeProvider clock, BadTokenLimit badTokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private const string HeldBackKey = "Plenary.BadTokensRetryAfter";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var address = BadTokenLimit.AddressOf(Context);
        // Checked before the token is even looked up: an address sending wrong tokens learns nothing more, and costs nothing.
        if (badTokens.HeldBack(address) is { } wait)
        {
            return HeldBack(wait);
        }
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return Wrong(address, "Not a Plenary API token.");
        }
        var hash = ApiToken.HashOf(token);
        var now = clock.GetUtcNow().UtcDateTime;
        // The token and its account in one round trip: every API call starts here.
        // A token's account always exists (deleting the account deletes its tokens).
        var pair = await (from t in db.ApiTokens
                          where t.Hash == hash
                          join a in db.Users on t.AccountId equals a.Id
                          select new { Token = t, Account = a }).FirstOrDefaultAsync(Context.RequestAborted);
        if (pair is not { Token: var found, Account: var account } || found.ExpiresAt <= now)
        {
            return Wrong(address, "The API token is unknown, revoked or expired.");
        }
        if (!account.EmailConfirmed)
        {
            return Wrong(address, "The token's account cannot sign in.");
        }
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromHours(1))
        {
            // One statement, outside the request's own changes. On PostgreSQL it commits without waiting for the write-ahead
            // log to reach the disk (synchronous_commit off for its own transaction only): the mark of when a token was last
            // used is no record anyone can lose (a crash at worst leaves an older time), and the wait was a disk flush added
            // to the first call of each token each hour, 5 to 100 ms on the IGF day's disk.
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync(
                    $"""WITH unflushed AS (SELECT set_config('synchronous_commit', 'off', true)) UPDATE "ApiTokens" SET "LastUsedAt" = {now} FROM unflushed WHERE "Id" = {found.Id}""",
                    Context.RequestAborted);
            }
            else
            {
                await db.ApiTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
            }
        }
        var principal = await claims.CreateAsync(account);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
    }

    /// <summary>A wrong token counts against its address; the one over the limit is already held back.</summary>
    private AuthenticateResult Wrong(string address, string why) =>
        badTokens.Count(address) is { } wait ? HeldBack(wait) : AuthenticateResult.Fail(why);

    private AuthenticateResult HeldBack(TimeSpan wait)
    {
        Context.Items[HeldBackKey] = wait;
        return AuthenticateResult.Fail("Too many wrong API tokens from this address.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[HeldBackKey] is TimeSpan wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong API tokens",
                detail: $"Too many requests with a wrong API token came from your address. Wait {seconds} seconds, then try again with a valid token.")
                .ExecuteAsync(Context);
            return;
        }
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Plenary\"";
        await base.HandleChallengeAsync(properties);
    }
}

/// <summary>
/// Wrong API tokens allowed per minute from one source address, counted in this instance with ASP.NET Core's rate
/// limiter. Over the limit, every token from that address is answered 429 with Retry-After until the minute is over,
/// a right one too: it is not looked up, so a source trying tokens gets neither an answer nor database work. A
/// program with its right token elsewhere never notices; one sharing an address with the sender of wrong tokens
/// waits out the minute at most. Good tokens never count, so a busy program is never held back by its own calls.
/// </summary>
public sealed class BadTokenLimit(IOptions<AccountsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.BadTokensPerMinutePerAddress), Window = TimeSpan.FromMinutes(1),
        }));

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    /// <summary>How long the address must wait, or null when it may still try.</summary>
    public TimeSpan? HeldBack(string address)
    {
        using var lease = limiter.AttemptAcquire(address, 0);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    /// <summary>Counts a wrong token; how long to wait when this one was over the limit.</summary>
    public TimeSpan? Count(string address)
    {
        using var lease = limiter.AttemptAcquire(address, 1);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);

    public void Dispose() => limiter.Dispose();
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("ApiTokens");
        token.Property(t => t.Name).HasMaxLength(ApiToken.MaxName);
        token.Property(t => t.Hash).HasMaxLength(ApiToken.HashLength);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.AccountId);
        token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
