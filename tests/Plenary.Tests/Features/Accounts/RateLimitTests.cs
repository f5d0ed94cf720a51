using System.Net;
using Microsoft.AspNetCore.Hosting;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>Sign-in and sign-up attempts from one address are limited; reading pages is not.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Posts_beyond_the_limit_per_address_get_a_429_and_pages_still_load()
    {
        await using var app = new LimitedApp();
        await app.InitializeAsync();
        var visitor = app.CreateVisitor();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await app.SignInAsync(visitor, "nobody@example.org", "wrong password here");
            statuses.Add(last.StatusCode);
        }
        (await PlenaryApp.ParseAsync(last!)).QuerySelector("h1")!.TextContent.ShouldBe("Too many requests");
        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
        (await visitor.GetAsync("/account/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync("/igf2022/programme")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private sealed class LimitedApp : PlenaryApp
    {
        public override string Provider => "SQLite";

        protected override int RateLimit => 3;

        protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("Plenary:SeedDemo", "true");
    }
}
