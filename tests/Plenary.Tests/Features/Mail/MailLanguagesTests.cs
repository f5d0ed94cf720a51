using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Tests.Infrastructure.Localization;

namespace Plenary.Tests.Features.Mail;

/// <summary>
/// Every message is written in its reader's language: the one chosen at sign-up (the page's) or later on the account
/// page, or for an address without an account the one the sender chose; never the language of whoever caused it. The
/// HTML part says which language it is in, so that a mail program lays Arabic out right to left and picks fonts for it.
/// </summary>
public abstract class MailLanguagesTests(PlenaryApp app)
{
    private static string NewEmail(string who) => $"{who}{Guid.NewGuid():N}@example.org";

    private Task<(string Subject, string Text, string Html)> MessageAsync(string to, string purpose) =>
        app.InDbAsync(db => db.Outbox.Where(m => m.To == to && m.Purpose == purpose).OrderByDescending(m => m.Id)
            .Select(m => new ValueTuple<string, string, string>(m.Subject, m.TextBody, m.HtmlBody)).FirstAsync());

    private static string In(string culture, string english, params object[] values) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, EnglishLeft.Translations(culture)[english], values);

    [Theory]
    [InlineData("ar", "rtl", "أكِّد عنوان بريدك الإلكتروني لدى Plenary")]
    [InlineData("zh-Hans", "ltr", "确认您在 Plenary 的电子邮件地址")]
    public async Task test_sign_up_confirmation_is_in_the_language_of_the_sign_up_page(string culture, string direction, string subject)
    {
        var email = NewEmail("signup");
        using var visitor = app.CreateVisitor();

        var signedUp = await PlenaryApp.SubmitFormAsync(visitor, $"/account/sign-up?culture={culture}",
            new Dictionary<string, string> { ["Email"] = email, ["Name"] = "Amina Diallo", ["Password"] = SignedInPages.Password });

        signedUp.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (actualSubject, text, html) = await MessageAsync(email, "confirm-email");
        actualSubject.ShouldBe(subject);
        text.ShouldContain(In(culture, "Confirm my address"));
        text.ShouldContain(In(culture, "Hello {0},", "Amina Diallo"));
        html.ShouldStartWith($"<!DOCTYPE html><html lang=\"{culture}\" dir=\"{direction}\">");
        html.ShouldContain(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(In(culture, "Confirm my address")));
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("zh-Hans", "ltr")]
    public async Task test_password_reset_and_registration_are_in_the_accounts_language_whatever_the_page_asking(string culture, string direction)
    {
        var email = NewEmail("reader");
        using var visitor = await app.SignedInVisitorAsync(email);
        await app.InDbAsync(db => db.Users.Where(a => a.Email == email).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredLanguage, culture)));
        var forum = await app.ForumOfItsOwnAsync("mail", firstDay: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));

        // Both are asked for from pages in English.
        (await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), "/account/forgot-password?culture=en", new Dictionary<string, string> { ["Email"] = email }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var registered = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/register?culture=en",
            new Dictionary<string, string> { ["Form.Mode"] = "Online" });
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(registered)).QuerySelector(".errors")?.TextContent);

        var reset = await MessageAsync(email, "reset-password");
        reset.Subject.ShouldBe(In(culture, "Choose a new Plenary password"));
        reset.Text.ShouldContain(In(culture, "Choose a new password"));
        reset.Html.ShouldStartWith($"<!DOCTYPE html><html lang=\"{culture}\" dir=\"{direction}\">");
        var registration = await MessageAsync(email, "registration");
        registration.Subject.ShouldBe(In(culture, "Your registration for {0}", $"Forum {forum.Slug}"));
        registration.Text.ShouldContain(In(culture, "Your registration for {0} is confirmed.", $"Forum {forum.Slug}"));
        registration.Html.ShouldStartWith($"<!DOCTYPE html><html lang=\"{culture}\" dir=\"{direction}\">");
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("zh-Hans", "ltr")]
    public async Task test_an_invitation_to_an_address_without_an_account_is_in_the_language_the_secretariat_chose(string culture, string direction)
    {
        var forum = await app.ForumOfItsOwnAsync("mailinv");
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var email = NewEmail("invited");

        var sent = await PlenaryApp.SubmitFormAsync(secretariat, $"/{forum.Slug}/manage/invitations?culture=en",
            new Dictionary<string, string> { ["Email"] = email, ["Role"] = "Reviewer", ["Language"] = culture }, $"/{forum.Slug}/manage/invitations?handler=Send");

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(sent)).QuerySelector(".errors")?.TextContent);
        var (subject, text, html) = await MessageAsync(email, "invitation");
        subject.ShouldBe(In(culture, "Invitation to {0}", $"Forum {forum.Slug}"));
        text.ShouldContain(In(culture, "See the invitation"));
        html.ShouldStartWith($"<!DOCTYPE html><html lang=\"{culture}\" dir=\"{direction}\">");
    }
}

[Collection("sqlite")]
public sealed class MailLanguagesOnSqlite(SqliteApp app) : MailLanguagesTests(app);

[Collection("postgres")]
public sealed class MailLanguagesOnPostgres(PostgresApp app) : MailLanguagesTests(app);
