using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Kernel.Access;

namespace Plenary.Tests.Features.Manage;

/// <summary>The Secretariat adds reviewers; only an administrator appoints the Secretariat; every change is audited.</summary>
public abstract class TeamTests(PlenaryApp app)
{
    private static string NewEmail(string who) => $"{who}{Guid.NewGuid():N}@example.org";

    private static Task<HttpResponseMessage> AddAsync(HttpClient visitor, string email, string role) =>
        PlenaryApp.SubmitFormAsync(visitor, "/igf2022/manage/team", new Dictionary<string, string> { ["Email"] = email, ["Role"] = role }, "/igf2022/manage/team?handler=Add");

    [Fact]
    public async Task Secretariat_adds_a_reviewer_who_is_listed_and_audited_then_removes_them()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var reviewer = NewEmail("rev");
        (await app.SignedInVisitorAsync(reviewer)).Dispose();

        (await AddAsync(secretariat, reviewer, "Reviewer")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage/team"));
        page.QuerySelectorAll("ul.team li").Select(li => li.TextContent).ShouldContain(t => t.Contains(reviewer));
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "team.add" && e.Subject == reviewer))).ShouldBeTrue();

        var again = await AddAsync(secretariat, reviewer, "Reviewer");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("already holds this role");

        var id = await app.InDbAsync(db => db.ForumMembers.Where(m => db.Users.Any(a => a.Id == m.AccountId && a.Email == reviewer)).Select(m => m.Id).SingleAsync());
        var removed = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/team", new Dictionary<string, string>(), $"/igf2022/manage/team?handler=Remove&member={id}");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => m.Id == id))).ShouldBeFalse();
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "team.remove" && e.Subject == reviewer))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_reviewer_removed_from_the_team_loses_access_at_once_without_signing_in_again()
    {
        var forum = (await app.ForumOfItsOwnAsync("team")).Slug;
        using var secretariat = await app.SecretariatOfAsync(forum);
        var email = NewEmail("gone");
        using var reviewer = await app.SignedInVisitorAsync(email);
        ((await reviewer.GetAsync($"/{forum}/reviews")).Headers.Location?.AbsolutePath).ShouldBe("/account/denied", "not yet appointed");

        var team = $"/{forum}/manage/team";
        (await PlenaryApp.SubmitFormAsync(secretariat, team, new Dictionary<string, string> { ["Email"] = email, ["Role"] = "Reviewer" }, $"{team}?handler=Add"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await reviewer.GetAsync($"/{forum}/reviews")).StatusCode.ShouldBe(HttpStatusCode.OK, "appointed while signed in");

        var id = await app.InDbAsync(db => db.ForumMembers.Where(m => db.Users.Any(a => a.Id == m.AccountId && a.Email == email)).Select(m => m.Id).SingleAsync());
        (await PlenaryApp.SubmitFormAsync(secretariat, team, new Dictionary<string, string>(), $"{team}?handler=Remove&member={id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same browser, the same sign-in: the next page is refused.
        ((await reviewer.GetAsync($"/{forum}/reviews")).Headers.Location?.AbsolutePath).ShouldBe("/account/denied", "removed from the team");
    }

    [Fact]
    public async Task Secretariat_cannot_appoint_or_remove_secretariat_but_an_administrator_can()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var colleague = NewEmail("col");
        (await app.SignedInVisitorAsync(colleague)).Dispose();

        var refused = await AddAsync(secretariat, colleague, "Secretariat");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Only a site administrator");

        using var admin = await app.AdministratorAsync();
        (await AddAsync(admin, colleague, "Secretariat")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.InDbAsync(db => db.ForumMembers.Where(m => m.Role == ForumRole.Secretariat && db.Users.Any(a => a.Id == m.AccountId && a.Email == colleague)).Select(m => m.Id).SingleAsync());

        var removal = await PlenaryApp.SubmitFormAsync(secretariat, "/igf2022/manage/team", new Dictionary<string, string>(), $"/igf2022/manage/team?handler=Remove&member={id}");
        removal.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        removal.Headers.Location!.PathAndQuery.ShouldStartWith("/account/denied");
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => m.Id == id))).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_role_is_refused_not_turned_into_reviewer()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var someone = NewEmail("any");
        (await app.SignedInVisitorAsync(someone)).Dispose();
        var answer = await AddAsync(secretariat, someone, "Emperor");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Choose a role from the list.");
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => db.Users.Any(a => a.Id == m.AccountId && a.Email == someone)))).ShouldBeFalse();
    }

    [Fact]
    public async Task Adding_an_address_without_an_account_offers_to_invite_it()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var nobody = NewEmail("nobody");
        var answer = await AddAsync(secretariat, nobody, "Reviewer");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Invite the person by e-mail instead");
        var offer = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("email=", StringComparison.Ordinal));
        offer.ShouldBe($"/igf2022/manage/invitations?email={Uri.EscapeDataString(nobody)}&role=Reviewer");
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync(offer))).QuerySelector("input[name=Email]")!.GetAttribute("value").ShouldBe(nobody);
    }
}

[Collection("sqlite")]
public sealed class TeamOnSqlite(SqliteApp app) : TeamTests(app);

[Collection("postgres")]
public sealed class TeamOnPostgres(PostgresApp app) : TeamTests(app);
