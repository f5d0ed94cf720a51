using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.Accounts;
using Plenary.Infrastructure.Web;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>
/// The sign-in cookie is checked against its account without being re-issued on every response: what the account says
/// now (deleted, stamp changed, administrator or not) wins on the next request when it changed through the app. The
/// account's row is read at most once a minute per instance otherwise.
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

    [Fact]
    public async Task test_stamp_changed_through_the_account_manager_signs_out_a_cookie_accepted_just_before()
    {
        var email = $"stamp{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK, "accepted, and the check remembered");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // What "sign out everywhere" and a password reset do: a new stamp saved through the change tracker.
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = await accounts.FindByEmailAsync(email);
            (await accounts.UpdateSecurityStampAsync(account!)).Succeeded.ShouldBeTrue();
        }
        var after = await visitor.GetAsync("/account");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the remembered check is forgotten when the stamp is saved on this instance");
        after.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }

    [Fact]
    public async Task test_account_row_is_read_once_a_minute_not_on_every_request()
    {
        var email = $"stamp{Guid.NewGuid():N}@example.org";
        using var visitor = await app.SignedInVisitorAsync(email);
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Behind EF's back, as another instance's write looks to this one: nothing tells this instance to check again.
        var id = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        var stamp = Guid.NewGuid().ToString("N");
        await app.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Accounts\" SET \"SecurityStamp\" = {stamp} WHERE \"Id\" = {id}"));
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK, "the check made a moment ago still holds, for up to a minute");
    }
}

[Collection("sqlite")]
public sealed class SignInCookieOnSqlite(SqliteApp app) : SignInCookieTests(app);

[Collection("postgres")]
public sealed class SignInCookieOnPostgres(PostgresApp app) : SignInCookieTests(app);
