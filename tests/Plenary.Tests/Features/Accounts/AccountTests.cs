using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>Sign-up, confirmation, sign-in, reset and profile, through the pages, on each database.</summary>
public abstract class AccountTests(PlenaryApp app)
{
    private static string NewEmail() => $"p{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Sign_up_then_confirm_then_sign_in_reaches_the_profile()
    {
        var email = NewEmail();
        var visitor = app.CreateVisitor();
        var signedUp = await app.SignUpAsync(visitor, email, name: "Amina Diallo");
        signedUp.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedUp.Headers.Location!.OriginalString.ShouldStartWith("/account/check-email");

        // Before confirming, the password alone does not let anyone in.
        var early = await app.SignInAsync(visitor, email);
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(early)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("not confirmed yet");

        var confirm = await visitor.GetAsync(await app.LinkFromOutboxAsync(email, "confirm-email"));
        confirm.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(confirm)).QuerySelector("[role=status]")!.TextContent.ShouldContain("is confirmed");

        var signedIn = await app.SignInAsync(visitor, email);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/account");
        var profile = await PlenaryApp.ParseAsync(await visitor.GetAsync("/account"));
        profile.QuerySelector("#name")!.GetAttribute("value").ShouldBe("Amina Diallo");
        profile.QuerySelector(".lead")!.TextContent.ShouldContain(email);
    }

    [Fact]
    public async Task Confirmation_message_is_plain_text_and_html_with_the_link()
    {
        var email = NewEmail();
        await app.SignUpAsync(app.CreateVisitor(), email);
        var message = await app.InDbAsync(db => db.Outbox.SingleAsync(m => m.To == email));
        message.Subject.ShouldBe("Confirm your e-mail address for Plenary");
        message.TextBody.ShouldContain("/account/confirm?account=");
        message.HtmlBody.ShouldContain("<a href=\"http");
        message.HtmlBody.ShouldNotContain("<script");
    }

    [Fact]
    public async Task Sign_up_in_french_sends_the_message_in_french()
    {
        var email = NewEmail();
        var visitor = app.CreateVisitor();
        visitor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        await app.SignUpAsync(visitor, email, name: "Léa Martin");
        var message = await app.InDbAsync(db => db.Outbox.SingleAsync(m => m.To == email));
        message.Subject.ShouldBe("Confirmez votre adresse électronique pour Plenary");
        message.TextBody.ShouldStartWith("Bonjour Léa Martin,");
    }

    [Fact]
    public async Task Duplicate_email_is_refused_with_a_clear_message()
    {
        var email = NewEmail();
        await app.SignUpAsync(app.CreateVisitor(), email);
        var again = await app.SignUpAsync(app.CreateVisitor(), email.ToUpperInvariant(), name: "Someone Else");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("already exists");
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Name == "Someone Else"))).ShouldBe(0);
    }

    [Theory]
    [InlineData("not-an-address", "Amina", "solar wind over Addis", "e-mail address such as")]
    [InlineData("{email}", "", "solar wind over Addis", "Enter your name")]
    [InlineData("{email}", "Amina", "short", "at least 10 characters")]
    [InlineData("{email}", "Amina", "aaaaaaaaaaaa", "different characters")]
    public async Task Bad_sign_up_says_what_to_fix_and_writes_nothing(string email, string name, string password, string message)
    {
        email = email.Replace("{email}", NewEmail());
        var before = await app.InDbAsync(async db => (await db.People.CountAsync(), await db.Users.CountAsync(), await db.Outbox.CountAsync()));
        var answer = await app.SignUpAsync(app.CreateVisitor(), email, name, password);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        // What the person typed is kept, except the password.
        page.QuerySelector("#email")!.GetAttribute("value").ShouldBe(email);
        page.QuerySelector("#password")!.GetAttribute("value").ShouldBeNull();
        (await app.InDbAsync(async db => (await db.People.CountAsync(), await db.Users.CountAsync(), await db.Outbox.CountAsync()))).ShouldBe(before);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_address_get_the_same_answer()
    {
        // An account that exists, tried with a wrong password, must answer exactly as an address nobody registered:
        // else the sign-in form tells anyone who has an account here.
        var known = NewEmail();
        (await app.SignedInVisitorAsync(known)).Dispose();
        var unknown = NewEmail();
        using var wrongPassword = await app.SignInAsync(app.CreateVisitor(), known, "whatever it is here");
        using var noAccount = await app.SignInAsync(app.CreateVisitor(), unknown, "whatever it is here");

        wrongPassword.StatusCode.ShouldBe(noAccount.StatusCode);
        var (a, b) = (await PlenaryApp.ParseAsync(wrongPassword), await PlenaryApp.ParseAsync(noAccount));
        a.QuerySelector("[role=alert]")!.TextContent.ShouldContain("The e-mail address or the password is wrong.");
        // The whole form as answered, but for the address typed back into it and its token.
        string Shown(AngleSharp.Html.Dom.IHtmlDocument page, string email) =>
            page.QuerySelector("main")!.InnerHtml.Replace(email, "{email}")
                .Split('\n').Where(line => !line.Contains("__RequestVerificationToken")).Aggregate("", (all, line) => all + line + "\n");
        Shown(a, known).ShouldBe(Shown(b, unknown));
        wrongPassword.Headers.Location.ShouldBe(noAccount.Headers.Location);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_a_reset_unlocks_it()
    {
        var email = NewEmail();
        (await app.SignedInVisitorAsync(email)).Dispose();
        for (var i = 0; i < 5; i++)
        {
            await app.SignInAsync(app.CreateVisitor(), email, "not the password at all");
        }
        var locked = await app.SignInAsync(app.CreateVisitor(), email);
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await PlenaryApp.ParseAsync(locked)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Try again in 15 minutes");

        var visitor = app.CreateVisitor();
        await PlenaryApp.SubmitFormAsync(visitor, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        var link = await app.LinkFromOutboxAsync(email, "reset-password");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var fields = new Dictionary<string, string> { ["Account"] = query["account"]!, ["Code"] = query["code"]!, ["Password"] = "a brand new passphrase" };
        var reset = await PlenaryApp.SubmitFormAsync(visitor, link, fields, "/account/reset-password");
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(reset)).QuerySelector("[role=status]")!.TextContent.ShouldContain("has been changed");
        (await app.SignInAsync(app.CreateVisitor(), email, "a brand new passphrase")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The link works once.
        var again = await PlenaryApp.SubmitFormAsync(visitor, link, fields, "/account/reset-password");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("expired or has already been used");
    }

    [Theory]
    [InlineData("/account/confirm?account=1&code=garbage")]
    [InlineData("/account/confirm?account=abc&code=")]
    [InlineData("/account/confirm")]
    public async Task Bad_confirmation_links_are_explained(string url)
    {
        var (status, page) = await app.GetPageAsync(url);
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("expired or has already been used");
    }

    [Fact]
    public async Task Forgot_password_does_not_tell_who_has_an_account()
    {
        var known = NewEmail();
        (await app.SignedInVisitorAsync(known)).Dispose();
        var a = await PlenaryApp.ParseAsync(await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), "/account/forgot-password", new Dictionary<string, string> { ["Email"] = known }));
        var b = await PlenaryApp.ParseAsync(await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), "/account/forgot-password", new Dictionary<string, string> { ["Email"] = NewEmail() }));
        a.QuerySelector("main")!.TextContent.ShouldBe(b.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Profile_needs_sign_in_and_keeps_what_is_saved()
    {
        using var anonymous = await app.Client.GetAsync("/account");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.PathAndQuery.ShouldStartWith("/account/sign-in?ReturnUrl=%2Faccount");

        var email = NewEmail();
        var visitor = await app.SignedInVisitorAsync(email);
        var saved = await PlenaryApp.SubmitFormAsync(visitor, "/account", new Dictionary<string, string>
        {
            ["Name"] = "Amina Diallo", ["Honorific"] = "Dr", ["Title"] = "Researcher", ["Affiliation"] = "University of Dakar",
            ["StakeholderGroup"] = "Academia", ["RegionalGroup"] = "AfricanGroup", ["Country"] = "SN", ["Gender"] = "Woman",
            ["Language"] = "fr", ["TimeZone"] = "Africa/Dakar",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var person = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Person).SingleAsync());
        (person.Honorific, person.Affiliation, person.CountryCode, person.Gender).ShouldBe(("Dr", "University of Dakar", "SN", Plenary.Features.People.Gender.Woman));
        var account = await app.InDbAsync(db => db.Users.SingleAsync(a => a.Email == email));
        (account.PreferredLanguage, account.TimeZoneId).ShouldBe(("fr", "Africa/Dakar"));

        var bad = await PlenaryApp.SubmitFormAsync(visitor, "/account", new Dictionary<string, string> { ["Name"] = "Amina", ["Country"] = "XX", ["TimeZone"] = "Mars/Base", ["Gender"] = "Robot" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problems = (await PlenaryApp.ParseAsync(bad)).QuerySelectorAll("[role=alert] li").Select(li => li.TextContent).ToList();
        problems.Count.ShouldBe(3);
        // The profile was just saved with French as its language, so the answer is in French.
        problems.ShouldContain("Choisissez dans la liste.");
        (await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.Person.CountryCode).SingleAsync())).ShouldBe("SN");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var visitor = await app.SignedInVisitorAsync(NewEmail());
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.SubmitFormAsync(visitor, "/account", new Dictionary<string, string>(), "/account/sign-out")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("/account/sign-up")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/sign-out")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password")]
    [InlineData("/account")]
    public async Task Forms_reject_a_post_without_a_valid_antiforgery_token(string url)
    {
        var visitor = await app.SignedInVisitorAsync(NewEmail());
        var forger = $"Forged {Guid.NewGuid():N}";
        var fields = new Dictionary<string, string> { ["Email"] = "x@example.org", ["Password"] = "whatever it is", ["Name"] = forger };
        // The antiforgery check answers before the page does, and says so; the page itself, refusing these fields,
        // would answer with its own form. Without that difference a 400 here could come from the fields alone.
        const string expired = "This form has expired or was not sent from this site.";
        var missing = await visitor.PostAsync(url, new FormUrlEncodedContent(fields));
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(missing)).QuerySelector("main [role=alert]")!.TextContent.ShouldContain(expired);
        fields["__RequestVerificationToken"] = "forged";
        var forged = await visitor.PostAsync(url, new FormUrlEncodedContent(fields));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(forged)).QuerySelector("main [role=alert]")!.TextContent.ShouldContain(expired);
        (await app.InDbAsync(db => db.People.CountAsync(p => p.Name == forger))).ShouldBe(0);

        // With the page's own token the same post reaches the page: it answers with its form or moves on.
        fields.Remove("__RequestVerificationToken");
        var formPage = url == "/account/sign-out" ? "/account" : url;
        var genuine = await PlenaryApp.SubmitFormAsync(visitor, formPage, fields, url);
        if (genuine.StatusCode != HttpStatusCode.Redirect)
        {
            (await genuine.Content.ReadAsStringAsync()).ShouldNotContain(expired, Case.Sensitive, $"{url} refused its own token");
            (await genuine.Content.ReadAsStringAsync()).ShouldContain("<form", Case.Insensitive, $"{url} answered {genuine.StatusCode} with no page");
        }
    }

    [Fact]
    public async Task Signed_in_visitors_never_get_the_cached_anonymous_page_and_never_fill_the_cache()
    {
        // An anonymous reader fills the cache for the programme.
        (await app.GetPageAsync("/igf2022/programme")).Page.QuerySelector("nav.you a")!.TextContent.ShouldBe("Sign in");
        using var visitor = await app.SignedInVisitorAsync(NewEmail());
        using var signedIn = await visitor.GetAsync("/igf2022/programme");
        signedIn.Headers.Contains("Age").ShouldBeFalse();
        (await PlenaryApp.ParseAsync(signedIn)).QuerySelector("nav.you a")!.TextContent.ShouldBe("Your profile");
        // And what the signed-in visitor saw is not what the next anonymous reader gets.
        (await app.GetPageAsync("/igf2022/programme")).Page.QuerySelector("nav.you a")!.TextContent.ShouldBe("Sign in");
    }

    [Fact]
    public async Task Account_pages_are_never_served_from_the_shared_cache()
    {
        using var first = await app.CreateVisitor().GetAsync("/account/sign-in");
        using var second = await app.CreateVisitor().GetAsync("/account/sign-in");
        second.Headers.Contains("Age").ShouldBeFalse();
        var token = async (HttpResponseMessage r) => (await PlenaryApp.ParseAsync(r)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        (await token(first)).ShouldNotBe(await token(second));
    }
}

[Collection("sqlite")]
public sealed class AccountsOnSqlite(SqliteApp app) : AccountTests(app);

[Collection("postgres")]
public sealed class AccountsOnPostgres(PostgresApp app) : AccountTests(app);
