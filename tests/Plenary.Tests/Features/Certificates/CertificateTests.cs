using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Certificates;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Messages;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Certificates;

/// <summary>
/// Certificates of attendance: available only once attendance is on record (a check-in at the venue, a presence online
/// from the live page or the platform's report), naming the sessions attended and spoken at, in the reader's language;
/// the public verification page; the Secretariat's certificates by hand and revocations, audited.
/// </summary>
public abstract class CertificateTests(PlenaryApp app)
{
    /// <summary>A forum of the test's own, open for registration without approval, with two rooms and four sessions on its first day.</summary>
    private async Task<OwnForum> ForumAsync(int placed = 4, DateOnly? firstDay = null) =>
        await app.ForumOfItsOwnAsync("cert", rooms: 2, placed: placed, firstDay: firstDay, shape: f => f.Languages = ["en", "fr", "ar"]);

    private async Task<(HttpClient Visitor, string Email, Registration Registration)> RegisteredAsync(OwnForum forum, AttendanceMode mode)
    {
        var email = $"cert{Guid.NewGuid():N}@example.org";
        var visitor = await app.SignedInVisitorAsync(email);
        (await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/register", new Dictionary<string, string> { ["Form.Mode"] = mode.ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var registration = await app.InDbAsync(db => db.Registrations.SingleAsync(r => r.ForumId == forum.Id && db.Users.Any(a => a.Id == r.AccountId && a.Email == email)));
        registration.Status.ShouldBe(RegistrationStatus.Approved);
        return (visitor, email, registration);
    }

    private static async Task<string> PdfTextAsync(HttpResponseMessage answer)
    {
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var (_, text) = await PdfText.ReadAsync(await answer.Content.ReadAsByteArrayAsync());
        return text;
    }

    [Fact]
    public async Task test_the_certificate_is_refused_before_check_in_and_names_the_sessions_attended_and_spoken_at_after()
    {
        var forum = await ForumAsync();
        var (visitor, _, registration) = await RegisteredAsync(forum, AttendanceMode.Onsite);
        var before = await visitor.GetAsync($"/{forum.Slug}/certificate");
        before.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(before);
        page.QuerySelector("main [role=status]")!.TextContent.ShouldContain("once you are checked in at the venue");
        page.QuerySelector("a[href$='handler=Pdf']").ShouldBeNull();
        (await visitor.GetAsync($"/{forum.Slug}/certificate?handler=Pdf")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.InDbAsync(db => db.Certificates.AnyAsync(c => c.RegistrationId == registration.Id))).ShouldBeFalse();

        // At the door, through the desk; then in the room of WS #1 (room 1) a few minutes after it began, and a speaker at WS #2 (room 2).
        using var desk = await app.SecretariatOfAsync(forum.Slug);
        (await PlenaryApp.SubmitFormAsync(desk, $"/{forum.Slug}/manage/check-in", new Dictionary<string, string> { ["Code"] = registration.BadgeCode }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var ws1 = forum.Session(1);
        var ws2 = forum.Session(2);
        var ws3 = forum.Session(3);
        await app.InDbAsync(async db =>
        {
            db.CheckIns.Add(new CheckIn { RegistrationId = registration.Id, ForumId = forum.Id, Day = forum.FirstDay, At = ws1.StartsAt!.Value.AddMinutes(5), RoomId = ws1.RoomId });
            db.SessionRoles.Add(new SessionRole { SessionId = ws2.Id, PersonId = registration.PersonId, Kind = SessionRoleKind.Speaker, Position = 1 });
            await db.SaveChangesAsync();
        });

        page = await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/certificate"));
        page.QuerySelector("a[href$='handler=Pdf']").ShouldNotBeNull();
        var rows = page.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows[0].ShouldContain(ws1.Title);
        rows[0].ShouldContain("Attended");
        rows[1].ShouldContain(ws2.Title);
        rows[1].ShouldContain("Spoke");

        var text = await PdfTextAsync(await visitor.GetAsync($"/{forum.Slug}/certificate?handler=Pdf"));
        var certificate = await app.InDbAsync(db => db.Certificates.SingleAsync(c => c.RegistrationId == registration.Id));
        text.ShouldContain("Certificate of attendance");
        text.ShouldContain("Amina Diallo");
        text.ShouldContain($"Forum {forum.Slug}");
        text.ShouldContain(ws1.Title);
        text.ShouldContain(ws2.Title);
        text.ShouldNotContain(ws3.Title);
        text.ShouldContain($"/{forum.Slug}/certificates/{certificate.Code}");
        // Downloading again gives the same certificate, not a second one.
        await PdfTextAsync(await visitor.GetAsync($"/{forum.Slug}/certificate?handler=Pdf"));
        (await app.InDbAsync(db => db.Certificates.CountAsync(c => c.RegistrationId == registration.Id))).ShouldBe(1);
        certificate.Code.Length.ShouldBe(Certificate.CodeLength);

        // The API gives the same certificate, by the same rules.
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(visitor));
        var json = System.Text.Json.JsonDocument.Parse(await (await api.GetAsync($"/api/forums/{forum.Slug}/registration/certificate")).Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("code").GetString().ShouldBe(certificate.Code);
        json.GetProperty("verifyUrl").GetString()!.ShouldEndWith($"/{forum.Slug}/certificates/{certificate.Code}");
        json.GetProperty("sessions").EnumerateArray().Select(s => (s.GetProperty("key").GetString(), s.GetProperty("part").GetString()))
            .ShouldBe([(ws1.Key, "attended"), (ws2.Key, "spoke")]);
    }

    [Fact]
    public async Task test_opening_the_live_page_while_the_session_is_on_records_an_online_participant_only()
    {
        var forum = await ForumAsync(placed: 2);
        var on = forum.Session(1);
        var later = forum.Session(2);
        await app.InDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            await db.Sessions.Where(s => s.Id == on.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, now.AddMinutes(-10)).SetProperty(s => s.EndsAt, now.AddMinutes(50)));
            await db.Sessions.Where(s => s.Id == later.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, now.AddDays(1)).SetProperty(s => s.EndsAt, now.AddDays(1).AddHours(1)));
        });
        var (online, _, registration) = await RegisteredAsync(forum, AttendanceMode.Online);
        var (onsite, _, onsiteRegistration) = await RegisteredAsync(forum, AttendanceMode.Onsite);

        (await online.GetAsync($"/{forum.Slug}/sessions/{later.Key}/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.InDbAsync(db => db.OnlinePresences.AnyAsync(p => p.RegistrationId == registration.Id))).ShouldBeFalse("a session tomorrow is not attended today");
        (await PlenaryApp.ParseAsync(await online.GetAsync($"/{forum.Slug}/certificate"))).QuerySelector("main [role=status]")!.TextContent
            .ShouldContain("once your presence online is recorded");
        using (var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(online)))
        {
            var refused = await api.GetAsync($"/api/forums/{forum.Slug}/registration/certificate");
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("once your presence online is recorded");
        }

        (await online.GetAsync($"/{forum.Slug}/sessions/{on.Key}/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await online.GetAsync($"/{forum.Slug}/sessions/{on.Key}/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onsite.GetAsync($"/{forum.Slug}/sessions/{on.Key}/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var presences = await app.InDbAsync(db => db.OnlinePresences.Where(p => p.ForumId == forum.Id).ToListAsync());
        presences.Count.ShouldBe(1, "once per person and session, and the onsite registrant is counted by the door");
        (presences[0].RegistrationId, presences[0].SessionId, presences[0].Source).ShouldBe((registration.Id, on.Id, PresenceSource.LivePage));
        onsiteRegistration.Id.ShouldNotBe(presences[0].RegistrationId);

        var page = await PlenaryApp.ParseAsync(await online.GetAsync($"/{forum.Slug}/certificate"));
        page.QuerySelector("table tbody tr")!.TextContent.ShouldContain(on.Title);
        (await PdfTextAsync(await online.GetAsync($"/{forum.Slug}/certificate?handler=Pdf"))).ShouldContain(on.Title);
    }

    [Fact]
    public async Task test_the_platforms_attendance_report_records_good_lines_and_names_every_bad_one()
    {
        var forum = await ForumAsync();
        var (_, first, a) = await RegisteredAsync(forum, AttendanceMode.Online);
        var (_, second, b) = await RegisteredAsync(forum, AttendanceMode.Online);
        var ws3 = forum.Session(3);
        // WS #3 is in room 1 from 10:00 to 11:00, Nairobi time, on the first day; joined 09:55, left 10:40.
        var day = forum.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = new StringBuilder()
            .AppendLine("email,session,room,joined,left")
            .AppendLine($"{first.ToUpperInvariant()},ws-1,,,")
            .AppendLine($"{second},,Room 1,{day} 09:55,{day} 10:40")
            .AppendLine($"{first},WS #1,,,")
            .AppendLine("nobody@example.org,ws-1,,,")
            .AppendLine($"{first},ws-99,,,")
            .AppendLine($"{second},,Room 9,{day} 09:55,{day} 10:40")
            .AppendLine($"{second},,Room 1,{day} 10:40,{day} 09:55")
            .AppendLine(",ws-1,,,")
            .ToString();
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var page = $"/{forum.Slug}/manage/certificates";
        var answer = await PlenaryApp.UploadAsync(secretariat, page, $"{page}?handler=Import", new Dictionary<string, (string, byte[])> { ["report"] = ("attendance.csv", Encoding.UTF8.GetBytes(csv)) });
        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var shown = await PlenaryApp.ParseAsync(answer);
        shown.QuerySelector("main p[role=status]")!.TextContent.ShouldContain("8 lines read: 2 presences recorded, 1 already on record, 5 lines refused.");
        var problems = shown.QuerySelectorAll("table.problems tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        problems.Select(p => p[0]).ShouldBe(["5", "6", "7", "8", "9"]);
        problems[0][2].ShouldContain("No registration for this forum has the e-mail address nobody@example.org");
        problems[1][2].ShouldContain("No session of the forum's timetable is ws-99");
        problems[2][2].ShouldContain("no room named Room 9");
        problems[3][2].ShouldContain("the time left after the time joined");
        problems[4][2].ShouldContain("Give the participant's e-mail address");

        var presences = await app.InDbAsync(db => db.OnlinePresences.Where(p => p.ForumId == forum.Id).OrderBy(p => p.RegistrationId).ToListAsync());
        presences.Select(p => (p.RegistrationId, p.SessionId, p.Source)).ShouldBe([(a.Id, forum.Session(1).Id, PresenceSource.PlatformReport), (b.Id, ws3.Id, PresenceSource.PlatformReport)]);
        (await app.InDbAsync(db => db.AuditLog.SingleAsync(e => e.ForumId == forum.Id && e.Action == "attendance.import"))).After!.ShouldContain("\"recorded\":2");

        // A file that is not the report is refused as a whole.
        var wrong = await PlenaryApp.UploadAsync(secretariat, page, $"{page}?handler=Import", new Dictionary<string, (string, byte[])> { ["report"] = ("attendance.csv", Encoding.UTF8.GetBytes("name,seat\nA,1\n")) });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(wrong)).QuerySelector("table.problems")!.TextContent.ShouldContain("The columns are not the expected ones");
    }

    [Fact]
    public async Task test_the_secretariat_issues_by_hand_and_revokes_audited_and_the_verification_page_says_so()
    {
        var forum = await ForumAsync(placed: 0);
        var (visitor, email, registration) = await RegisteredAsync(forum, AttendanceMode.Onsite);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var page = $"/{forum.Slug}/manage/certificates";

        var noNote = await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["email"] = email }, $"{page}?handler=Issue");
        noNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(noNote)).QuerySelector(".errors")!.TextContent.ShouldContain("Say why the certificate is issued by hand");
        (await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["email"] = "nobody@example.org", ["note"] = "Badge lost" }, $"{page}?handler=Issue"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["email"] = email, ["note"] = "Scanner down on day 1; seen by the desk" }, $"{page}?handler=Issue"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var certificate = await app.InDbAsync(db => db.Certificates.SingleAsync(c => c.RegistrationId == registration.Id));
        certificate.IssuedBy.ShouldNotBeNull();

        // The participant, without any check-in, can now download it.
        (await PdfTextAsync(await visitor.GetAsync($"/{forum.Slug}/certificate?handler=Pdf"))).ShouldContain(certificate.Code);

        var (status, verify) = await app.GetPageAsync($"/{forum.Slug}/certificates/{certificate.Code.ToLowerInvariant()}");
        status.ShouldBe(HttpStatusCode.OK);
        verify.QuerySelector("main [role=status]")!.TextContent.ShouldContain("Genuine.");
        verify.QuerySelector("main dl")!.TextContent.ShouldContain("Amina Diallo");
        verify.QuerySelector("main")!.TextContent.ShouldNotContain(email, Case.Insensitive);
        verify.QuerySelector("main")!.TextContent.ShouldNotContain("Scanner down");

        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{page}?How=hand&Q=amina"));
        list.QuerySelectorAll("table tbody tr").Count.ShouldBeGreaterThanOrEqualTo(1);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{page}?State=revoked"))).QuerySelectorAll("table tbody tr").Count.ShouldBe(0);

        var noReason = await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string>(), $"{page}?handler=Revoke&certificate={certificate.Id}");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(noReason)).QuerySelector(".errors")!.TextContent.ShouldContain("Give the reason for revoking");
        (await PlenaryApp.SubmitFormAsync(secretariat, page, new Dictionary<string, string> { ["reason"] = "Issued to the wrong person" }, $"{page}?handler=Revoke&certificate={certificate.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (status, verify) = await app.GetPageAsync($"/{forum.Slug}/certificates/{certificate.Code}");
        status.ShouldBe(HttpStatusCode.OK);
        verify.QuerySelector("main [role=status]")!.TextContent.ShouldContain("Revoked.");
        verify.QuerySelector("main")!.TextContent.ShouldNotContain("wrong person");
        (await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/certificate"))).QuerySelector("main [role=status]")!.TextContent.ShouldContain("Issued to the wrong person");
        (await visitor.GetAsync($"/{forum.Slug}/certificate?handler=Pdf")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync($"{page}?State=revoked"))).QuerySelectorAll("table tbody tr").Count.ShouldBe(1);

        var audit = await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id && e.Action.StartsWith("certificate.")).OrderBy(e => e.Id).ToListAsync());
        audit.Select(e => e.Action).ShouldBe(["certificate.issue-by-hand", "certificate.revoke"]);
        audit[0].After!.ShouldContain("Scanner down on day 1");
        audit[1].After!.ShouldContain("Issued to the wrong person");
        audit.ShouldAllBe(e => !e.Subject.Contains(certificate.Code));

        // Unknown codes, well formed or not, and another forum's code: 404, in words.
        var other = await ForumAsync(placed: 0);
        foreach (var url in new[] { $"/{forum.Slug}/certificates/{Certificate.NewCode()}", $"/{forum.Slug}/certificates/not-a-code", $"/{other.Slug}/certificates/{certificate.Code}" })
        {
            (status, verify) = await app.GetPageAsync(url);
            status.ShouldBe(HttpStatusCode.NotFound, url);
            verify.QuerySelector("main [role=status]")!.TextContent.ShouldContain("has this code");
        }
    }

    [Theory]
    [InlineData("en", "Certificate of attendance", "This is to certify that")]
    [InlineData("fr", "Certificat de participation", "Il est certifié que")]
    [InlineData("ar", "شهادة حضور", "نشهد بأن")]
    public async Task test_the_pdf_is_in_the_readers_language(string culture, string title, string opening)
    {
        var forum = await ForumAsync();
        var (visitor, _, registration) = await RegisteredAsync(forum, AttendanceMode.Onsite);
        var ws1 = forum.Session(1);
        await app.InDbAsync(async db =>
        {
            db.CheckIns.Add(new CheckIn { RegistrationId = registration.Id, ForumId = forum.Id, Day = forum.FirstDay, At = ws1.StartsAt!.Value.AddMinutes(-10), RoomId = ws1.RoomId });
            await db.SaveChangesAsync();
        });
        var text = await PdfTextAsync(await visitor.GetAsync($"/{forum.Slug}/certificate?handler=Pdf&culture={culture}"));
        text.ShouldContain(title);
        text.ShouldContain(opening);
        text.ShouldContain("Amina Diallo");
        text.ShouldContain(ws1.Title);
    }
}

[Collection("sqlite")]
public sealed class CertificateTestsOnSqlite(SqliteApp app) : CertificateTests(app);

[Collection("postgres")]
public sealed class CertificateTestsOnPostgres(PostgresApp app) : CertificateTests(app);
