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
        { "/account", "", "Name=Ana Tadesse&TimeZone=Mars/Olympus_Mons&Language=en", "“Mars/Olympus_Mons” is not a time zone." },
        { "/account", "", "Name=Ana Tadesse&Gender=7&Language=en", "Choose from the list." },
        { "/account/forgot-password", "", "Email=nobody", "Enter an e-mail address such as name@example.org." },
        { "/account/reset-password", "", "Account=0&Code=nonsense&Password=a long enough password", "This link has expired or has already been used." },
        { "/account/delete", "", "Password=not the password", "The current password is wrong." },
        { "/account/two-factor", "On", "Code=12", "Enter the 6-digit code your authenticator app shows for Plenary." },
        { "/igf2022/manage/reviews/ranking", "Decide", "Decision=Accepted&Reason=Fits the theme.", "Tick the proposals to decide on." },
        { "/igf2022/manage/reviews/ranking", "Decide", "Selected=1&Decision=Submitted&Reason=Fits the theme.", "Choose a decision: accept, waitlist or reject." },
        { "/igf2022/manage/reports", "Settings", "ReminderHours=0", "Hours before the report deadline: enter a whole number from 1 to" },
        { "/igf2022/manage/messages", "Outcome", "state=sideways", "Choose from the list." },
        { "/igf2022/manage/messages", "Language", "lang=ar&state=published", "Translate every published message into" },
        { "/igf2022/manage/messages/translations/ar", "Save", "Message=1&Version=0&Title=&Body=x", "Give the translation a title of at most 300 characters." },
        { "/igf2022/manage/timetable/availability", "", "RoomLines=", "Send the three lists (rooms, people, time zones), even when empty." },
        { "/igf2022/manage/timetable/availability", "", "RoomLines=Nowhere | 2022-11-29 | 09:00-13:00&PersonLines=&ZoneLines=", "Room availability, line 1:" },
        { "/igf2022/manage/timetable/schedule", "Apply", "mode=sometimes&seed=1&fingerprint=", "Choose to place the unscheduled sessions or to re-plan all of them." },
        { "/igf2022/agenda", "Zone", "zone=Lunar", "Choose the time zone for your agenda" },
        { "/igf2022/agenda", "Add", "session=nothing", "There is no such session in this forum's programme" },
        { "/igf2022/manage/call", "", "OpensDay=2022-06-01&OpensTime=09:00&ClosesDay=2022-07-01&ClosesTime=23:59", "Tick at least one session type the call accepts." },
        { "/igf2022/manage/call", "", "Types=WS&OpensDay=2022-07-01&OpensTime=09:00&ClosesDay=2022-06-01&ClosesTime=23:59", "The call must close after it opens." },
        { "/igf2022/manage/call", "", "Types=WS&OpensDay=2022-06-01&OpensTime=09:00&ClosesDay=2022-07-01&ClosesTime=23:59&MaxProposalsPerSpeaker=99", "Enter a number from 1 to 50" },
        { "/igf2022/manage/team", "Add", "Email=nobody@example.org&Role=Emperor", "Choose a role from the list." },
        { "/igf2022/manage/import", "Preview", "", "Choose people.csv, sessions.csv or both." },
        { "/igf2022/manage/import", "Import", "upload=forged", "This preview has expired or is not valid." },
        { "/igf2022/manage/sections", "Igf", "Year=1990", "Choose a year from" },
        { "/igf2022/manage/sections", "Save", "Id=0&Title=&Slug=policy_questions_2", "Give the section a title of at most" },
        { "/igf2022/manage/people/merge", "", "p=0&p=0&Keep=0", "Tick two people on the people page to merge them." },
        { "/igf2022/sessions/of-56/translations/es", "Save", "Fields[0].Part=Title&Fields[0].PartId=0&Fields[0].Text=" + new string('x', 301), "Title: Shorten this to at most 300 characters." },
    };

    /// <summary>Pages read from a GET query that the page cannot use: the reason on the page, and 400 for machines.</summary>
    public static TheoryData<string, string> BadQueries => new()
    {
        { "/igf2022/manage/reviews/ranking?sort=loudest", "Sort by mean, spread, reviews or title." },
        { "/igf2022/manage/proposals?state=Lost", "Choose a state from the list." },
        { "/igf2022/manage/timetable/schedule?seed=-4", "Enter a seed from 0 to" },
        { "/igf2022/programme?sdg=18", "is not a Sustainable Development Goal" },
        { "/igf2022/schedule/grid?day=2099-01-01", "“2099-01-01” is not a day of this forum" },
        { "/account/confirm?account=0&code=nonsense", "This link has expired or has already been used." },
        { "/igf2022/manage/people/merge?p=1", "Tick two people on the people page to merge them." },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_refused_form_comes_back_with_400_and_its_reason(string page, string handler, string fields, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var form = fields.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var answer = await PlenaryApp.SubmitFormAsync(secretariat, page.Split('?')[0], form, handler.Length == 0 ? page : $"{page}?handler={handler}");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_refused_query_comes_back_with_400_and_its_reason(string url, string message)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        using var answer = await secretariat.GetAsync(url);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
    }
}

[Collection("sqlite")]
public sealed class RefusedFormStatusOnSqlite(SqliteApp app) : RefusedFormStatusTests(app);

[Collection("postgres")]
public sealed class RefusedFormStatusOnPostgres(PostgresApp app) : RefusedFormStatusTests(app);
