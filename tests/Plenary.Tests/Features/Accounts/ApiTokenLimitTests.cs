using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>An API token is a credential of its own: wrong passwords for the account do not switch it off.</summary>
public abstract class ApiTokenLockoutTests(PlenaryApp app)
{
    [Fact]
    public async Task Five_wrong_passwords_from_anyone_lock_the_web_sign_in_but_not_the_accounts_api_token()
    {
        var email = $"token{Guid.NewGuid():N}@example.org";
        using var owner = await app.SignedInVisitorAsync(email);
        using var program = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(owner));
        (await program.PutAsJsonAsync("/api/forums/igf2022/registration", new { mode = "Online" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 5; i++)
        {
            await app.SignInAsync(app.CreateVisitor(), email, "not the password at all");
        }
        (await app.SignInAsync(app.CreateVisitor(), email)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the web sign-in is locked");

        using var read = await program.GetAsync("/api/forums/igf2022/registration");
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// The account page shows when each token was last used: the first call marks it, and later calls within the hour leave
/// it (a write per call would be a write per API request). On PostgreSQL the mark commits without waiting for the disk.
/// </summary>
public abstract class ApiTokenUseTests(PlenaryApp app)
{
    [Fact]
    public async Task test_api_token_last_use_is_marked_by_its_first_call_and_kept_within_the_hour()
    {
        using var owner = await app.SignedInVisitorAsync($"used{Guid.NewGuid():N}@example.org");
        var token = await PlenaryApp.ApiTokenOfAsync(owner);
        var hash = Plenary.Features.Accounts.ApiToken.HashOf(token);
        (await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == hash).Select(t => t.LastUsedAt).SingleAsync())).ShouldBeNull("not used yet");
        using var program = app.ApiClient(token);

        (await program.GetAsync("/api/forums/igf2022/registration")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "signed in: no registration yet");
        var first = await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == hash).Select(t => t.LastUsedAt).SingleAsync());
        first.ShouldNotBeNull("the first call marks the token's use");
        first.Value.ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(5));

        // Moved back 30 minutes: a call now is within the hour and leaves the mark; moved back two hours, it marks again.
        await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == hash).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, first.Value.AddMinutes(-30))));
        (await program.GetAsync("/api/forums/igf2022/registration")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == hash).Select(t => t.LastUsedAt).SingleAsync())).ShouldBe(first.Value.AddMinutes(-30));
        await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == hash).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, first.Value.AddHours(-2))));
        (await program.GetAsync("/api/forums/igf2022/registration")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InDbAsync(db => db.ApiTokens.Where(t => t.Hash == hash).Select(t => t.LastUsedAt).SingleAsync()))!.Value.ShouldBeGreaterThan(first.Value.AddMinutes(-1));
    }
}

[Collection("sqlite")]
public sealed class ApiTokenUseOnSqlite(SqliteApp app) : ApiTokenUseTests(app);

[Collection("postgres")]
public sealed class ApiTokenUseOnPostgres(PostgresApp app) : ApiTokenUseTests(app);

[Collection("sqlite")]
public sealed class ApiTokenLockoutOnSqlite(SqliteApp app) : ApiTokenLockoutTests(app);

[Collection("postgres")]
public sealed class ApiTokenLockoutOnPostgres(PostgresApp app) : ApiTokenLockoutTests(app);

/// <summary>
/// Wrong tokens are held back per source address with ASP.NET Core's rate limiter, counted in memory (so on SQLite
/// only: the database plays no part). Decision tested here: once an address is over its limit, every token from it
/// gets 429 until the minute is over, a right one too, since it is not even looked up; other addresses are untouched.
/// </summary>
public sealed class ApiTokenLimitTests
{
    private const string Attacker = "203.0.113.7";
    private const string Elsewhere = "198.51.100.9";

    [Fact]
    public async Task A_burst_of_wrong_tokens_from_one_address_gets_429_with_retry_after_while_the_right_token_elsewhere_keeps_working()
    {
        await using var app = new TokenLimitedApp();
        await app.InitializeAsync();
        using var owner = await app.SignedInVisitorAsync($"limited{Guid.NewGuid():N}@example.org");
        var token = await PlenaryApp.ApiTokenOfAsync(owner);
        using var fromAttacker = app.From(Attacker);
        using var fromElsewhere = app.From(Elsewhere);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await Get(fromAttacker, $"pln_wrong{i}");
            statuses.Add(last.StatusCode);
        }
        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        last!.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        last.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await last.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(429);
        problem.GetProperty("detail").GetString()!.ShouldContain("wrong API token");

        (await Get(fromAttacker, token)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the held-back address is not answered, whatever it sends");
        (await Get(fromElsewhere, token)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "signed in: this account has no registration");
        (await Get(fromElsewhere, "pln_wrong-elsewhere")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "each address has its own count");
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/forums/igf2022/registration");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private sealed class TokenLimitedApp : PlenaryApp
    {
        public override string Provider => "SQLite";

        protected override int BadTokenLimit => 3;

        protected override void UseDatabase(IWebHostBuilder web) { }

        /// <summary>A program calling from an IP address of its own.</summary>
        public HttpClient From(string address) =>
            new(Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = new Uri("http://localhost") };
    }
}
