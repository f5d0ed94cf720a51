using System.Net;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Kernel.Validation;

/// <summary>
/// One rule for a page that shows its form again because the change was refused: it answers the refusal's status (400
/// for input to mend), with the reason shown. The registration desk once answered such forms with 200, as if saved.
/// </summary>
public abstract class RefusedFormStatusTests(PlenaryApp app)
{
    public static TheoryData<string, string, string, string> BadForms => new()
    {
        // page, handler (and query), fields as "name=value&…", what the page says
        { "/igf2022/manage/registrations", "Settings", "ClosesDay=next-tuesday&ClosesTime=14:30", "Enter a day as YYYY-MM-DD" },
        { "/igf2022/manage/registrations", "Decide&registration=0", "decision=", "Nothing is decided yet: press Approve or Decline." },
        { "/igf2022/manage/subthemes", "Save", "Id=0&Name=&Slug=", "Give the subtheme a name of at most 200 characters." },
        { "/igf2022/manage/session-types", "Save", "Id=0&Code=&Name=Workshop&NumberLabel=Workshop&DefaultLengthMinutes=60", "Give the type a code of 1 to 10 letters or digits" },
        { "/igf2022/manage/rooms", "Save", "Id=0&Name=&Layout=Theater&Capacity=10", "Give the room a name of at most" },
        { "/igf2022/manage/invitations", "Send", "Email=not-an-address&Role=Reviewer", "Enter an e-mail address such as name@example.org." },
        { "/igf2022/manage/timetable/releases", "", "Name=", "Give the release a version name of at most" },
        { "/igf2022/manage/reviews/assignments", "Automatic", "ReviewersPerProposal=lots", "Reviewers per proposal: give a whole number from 1 to 20." },
        { "/igf2022/manage/reviews/assignments", "Add", "Proposal=0&Reviewer=0", "Choose a proposal from the list." },
        { "/igf2022/manage/reviews", "Phase", "ReviewersPerProposal=3&DivergenceThreshold=9", "Divergence threshold: give a number of points from 0.5 to 4." },
        { "/igf2022/manage/reviews", "Criterion", "CriterionId=0&CriterionName=&CriterionWeight=1", "Name the criterion." },
        { "/account/api-tokens", "Create", "Name=&Days=90", "Name the token after what will use it, in at most" },
        { "/account/sign-up", "", "Email=not-an-address&Name=Ana&Password=a long enough password", "Enter an e-mail address such as name@example.org." },
        { "/igf2022/manage", "", "Name=&Theme=Theme&HostCity=Addis Ababa&Venue=UNECA&TimeZone=Africa/Addis_Ababa&FirstDay=2022-11-28&LastDay=2022-12-02&Languages=en", "Fill in this field." },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_refused_form_comes_back_with_400_and_its_reason(string page, string handler, string fields, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var form = fields.Split('&').Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, page.Split('?')[0], form, handler.Length == 0 ? page : $"{page}?handler={handler}");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
    }
}

[Collection("sqlite")]
public sealed class RefusedFormStatusOnSqlite(SqliteApp app) : RefusedFormStatusTests(app);

[Collection("postgres")]
public sealed class RefusedFormStatusOnPostgres(PostgresApp app) : RefusedFormStatusTests(app);
