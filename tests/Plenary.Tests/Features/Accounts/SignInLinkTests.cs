using System.Net;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>The one-time sign-in link by e-mail, instead of a password.</summary>
public abstract class SignInLinkTests(PlenaryApp app)
{
    [Fact]
    public async Task Link_signs_in_once_and_only_when_its_button_is_pressed()
    {
        var email = $"l{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        var visitor = app.CreateVisitor();
        var asked = await PlenaryApp.SubmitFormAsync(visitor, "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["ReturnUrl"] = "/igf2022/programme" }, "/account/sign-in?handler=Link");
        (await PlenaryApp.ParseAsync(asked)).QuerySelector("[role=status]")!.TextContent.ShouldContain("sent it a sign-in link");
        var link = await app.LinkFromOutboxAsync(email, "sign-in-link");

        // Opening the link (as a mail scanner would) signs no one in and does not use it up.
        (await visitor.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var fields = new Dictionary<string, string> { ["Account"] = query["account"]!, ["Code"] = query["code"]!, ["ReturnUrl"] = query["returnUrl"]! };
        var used = await PlenaryApp.SubmitFormAsync(visitor, link, fields, "/account/link");
        used.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        used.Headers.Location!.OriginalString.ShouldBe("/igf2022/programme");
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), link, fields, "/account/link");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("expired or has already been used");
    }

    [Fact]
    public async Task Asking_for_a_link_tells_no_one_who_has_an_account_and_sends_nothing_to_strangers()
    {
        var stranger = $"n{Guid.NewGuid():N}@example.org";
        var asked = await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), "/account/sign-in", new Dictionary<string, string> { ["Email"] = stranger }, "/account/sign-in?handler=Link");
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(asked)).QuerySelector("[role=status]")!.TextContent.ShouldContain("sent it a sign-in link");
        (await app.InDbAsync(db => Task.FromResult(db.Outbox.Any(m => m.To == stranger)))).ShouldBeFalse();
    }

    [Fact]
    public async Task Asking_again_replaces_the_link_the_new_one_works_and_the_old_one_stops()
    {
        var email = $"r{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        async Task<Dictionary<string, string>> AskAsync()
        {
            await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), "/account/sign-in", new Dictionary<string, string> { ["Email"] = email }, "/account/sign-in?handler=Link");
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + await app.LinkFromOutboxAsync(email, "sign-in-link")).Query);
            return new Dictionary<string, string> { ["Account"] = query["account"]!, ["Code"] = query["code"]! };
        }
        var first = await AskAsync();
        var second = await AskAsync();
        second["Code"].ShouldNotBe(first["Code"]);

        using var withOld = app.CreateVisitor();
        (await PlenaryApp.SubmitFormAsync(withOld, "/account/sign-in", first, "/account/link")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await StaysSignedOutAsync(withOld);
        using var withNew = app.CreateVisitor();
        (await PlenaryApp.SubmitFormAsync(withNew, "/account/sign-in", second, "/account/link")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await withNew.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forged_code_does_not_sign_in()
    {
        var email = $"f{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), "/account/sign-in", new Dictionary<string, string> { ["Email"] = email }, "/account/sign-in?handler=Link");
        var link = await app.LinkFromOutboxAsync(email, "sign-in-link");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        using var forger = app.CreateVisitor();
        var forged = await PlenaryApp.SubmitFormAsync(forger, link,
            new Dictionary<string, string> { ["Account"] = query["account"]!, ["Code"] = "AAAA" + query["code"]!.ToString()[4..] }, "/account/link");
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await StaysSignedOutAsync(forger);
    }

    /// <summary>The visitor's account page still sends it to sign in: no sign-in cookie came with the refusal.</summary>
    private static async Task StaysSignedOutAsync(HttpClient visitor)
    {
        using var account = await visitor.GetAsync("/account");
        account.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), account.Headers.Location!).AbsolutePath.ShouldBe("/account/sign-in");
    }
}

[Collection("sqlite")]
public sealed class SignInLinkOnSqlite(SqliteApp app) : SignInLinkTests(app);

[Collection("postgres")]
public sealed class SignInLinkOnPostgres(PostgresApp app) : SignInLinkTests(app);
