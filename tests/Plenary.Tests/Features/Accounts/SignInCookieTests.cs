using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Web;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>
/// The sign-in cookie is checked against its account on every request, without being re-issued on every response:
/// what the account says now (deleted, stamp changed, administrator or not) wins on the next request.
/// </summary>
public abstract class SignInCookieTests(PlenaryApp app)
{
    [Fact]
    public async Task test_signed_in_page_does_not_reissue_the_sign_in_cookie()
    {
        using var visitor = await app.SignedInVisitorAsync($"cookie{Guid.NewGuid():N}@example.org");
        var page = await visitor.GetAsync("/account");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var issued = page.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith(WebSetup.SignInCookie + "=", StringComparison.Ordinal)) : [];
        issued.ShouldBeEmpty("a signed-in page sets no new sign-in cookie: a Set-Cookie on every response defeats caches and costs a principal rebuilt per request");
    }

    [Fact]
    public async Task test_administrator_standing_changed_after_sign_in_counts_on_the_next_request()
    {
        var email = $"admin{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        (await visitor.GetAsync("/admin/forums/new")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        await app.InDbAsync(db => db.Users.Where(a => a.Email == email).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsAdministrator, true)));
        (await visitor.GetAsync("/admin/forums/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync("/admin/forums/new")).StatusCode.ShouldBe(HttpStatusCode.OK, "the renewed cookie carries the new standing");

        await app.InDbAsync(db => db.Users.Where(a => a.Email == email).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsAdministrator, false)));
        (await visitor.GetAsync("/admin/forums/new")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task test_changed_security_stamp_signs_the_cookie_out_on_the_next_request()
    {
        var email = $"stamp{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.InDbAsync(db => db.Users.Where(a => a.Email == email).ExecuteUpdateAsync(u => u.SetProperty(a => a.SecurityStamp, Guid.NewGuid().ToString("N"))));
        var after = await visitor.GetAsync("/account");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }
}

[Collection("sqlite")]
public sealed class SignInCookieOnSqlite(SqliteApp app) : SignInCookieTests(app);

[Collection("postgres")]
public sealed class SignInCookieOnPostgres(PostgresApp app) : SignInCookieTests(app);
