using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>
/// Messages asked for by anyone (a new confirmation link, a password reset, a sign-in link) go to one address at most
/// three times an hour (the default of Plenary:Accounts:MessagesPerHourPerEmail), counted in the outbox; another address
/// is not held back by it, and the page answers alike whether the address has an account, and whether it was written to.
/// </summary>
public abstract class MailLimitTests(PlenaryApp app)
{
    private const int PerHour = 3;

    [Fact]
    public async Task A_new_confirmation_link_goes_at_most_three_times_an_hour_to_one_address()
    {
        var (email, other) = ($"unconfirmed{Guid.NewGuid():N}@example.org", $"unconfirmed{Guid.NewGuid():N}@example.org");
        (await app.SignUpAsync(app.CreateVisitor(), email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.SignUpAsync(app.CreateVisitor(), other)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SentAsync(email, "confirm-email")).ShouldBe(1, "the sign-up's own message");

        var answers = new List<string>();
        for (var i = 0; i < PerHour + 1; i++)
        {
            answers.Add(await AnswerAsync("/account/sign-in", "/account/sign-in?handler=Resend", email));
        }

        (await SentAsync(email, "confirm-email")).ShouldBe(PerHour);
        answers.Distinct().Count().ShouldBe(1, "the answer says nothing of the limit");
        (await AnswerAsync("/account/sign-in", "/account/sign-in?handler=Resend", $"nobody{Guid.NewGuid():N}@example.org")).ShouldBe(answers[0], "nor whether the address has an account");
        await AnswerAsync("/account/sign-in", "/account/sign-in?handler=Resend", other);
        (await SentAsync(other, "confirm-email")).ShouldBe(2, "another address is not held back");
    }

    [Fact]
    public async Task A_password_reset_goes_at_most_three_times_an_hour_to_one_address()
    {
        var (email, other) = ($"reset{Guid.NewGuid():N}@example.org", $"reset{Guid.NewGuid():N}@example.org");
        (await app.SignedInVisitorAsync(email)).Dispose();
        (await app.SignedInVisitorAsync(other)).Dispose();

        var answers = new List<string>();
        for (var i = 0; i < PerHour + 1; i++)
        {
            answers.Add(await AnswerAsync("/account/forgot-password", "/account/forgot-password", email));
        }

        (await SentAsync(email, "reset-password")).ShouldBe(PerHour);
        answers.Distinct().Count().ShouldBe(1, "the answer says nothing of the limit");
        (await AnswerAsync("/account/forgot-password", "/account/forgot-password", $"nobody{Guid.NewGuid():N}@example.org")).ShouldBe(answers[0], "nor whether the address has an account");
        await AnswerAsync("/account/forgot-password", "/account/forgot-password", other);
        (await SentAsync(other, "reset-password")).ShouldBe(1, "another address is not held back");
    }

    [Fact]
    public async Task A_sign_in_link_goes_at_most_three_times_an_hour_to_one_address()
    {
        var (email, other) = ($"link{Guid.NewGuid():N}@example.org", $"link{Guid.NewGuid():N}@example.org");
        (await app.SignedInVisitorAsync(email)).Dispose();
        (await app.SignedInVisitorAsync(other)).Dispose();

        var answers = new List<string>();
        for (var i = 0; i < PerHour + 1; i++)
        {
            answers.Add(await AnswerAsync("/account/sign-in", "/account/sign-in?handler=Link", email));
        }

        (await SentAsync(email, "sign-in-link")).ShouldBe(PerHour);
        answers.Distinct().Count().ShouldBe(1, "the answer says nothing of the limit");
        (await AnswerAsync("/account/sign-in", "/account/sign-in?handler=Link", $"nobody{Guid.NewGuid():N}@example.org")).ShouldBe(answers[0], "nor whether the address has an account");
        await AnswerAsync("/account/sign-in", "/account/sign-in?handler=Link", other);
        (await SentAsync(other, "sign-in-link")).ShouldBe(1, "another address is not held back");
    }

    private Task<int> SentAsync(string email, string purpose) => app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Purpose == purpose));

    /// <summary>The status and the page's words as a fresh visitor gets them, the address asked for taken out.</summary>
    private async Task<string> AnswerAsync(string page, string post, string email)
    {
        using var visitor = app.CreateVisitor();
        using var response = await PlenaryApp.SubmitFormAsync(visitor, page, new Dictionary<string, string> { ["Email"] = email }, post);
        var main = (await PlenaryApp.ParseAsync(response)).QuerySelector("main")!;
        var fields = string.Join("|", main.QuerySelectorAll("input:not([type=hidden])").Select(i => i.GetAttribute("value") ?? ""));
        return $"{(int)response.StatusCode} {main.TextContent} {fields}".Replace(email, "ADDRESS", StringComparison.Ordinal);
    }
}

[Collection("sqlite")]
public sealed class MailLimitOnSqlite(SqliteApp app) : MailLimitTests(app);

[Collection("postgres")]
public sealed class MailLimitOnPostgres(PostgresApp app) : MailLimitTests(app);
