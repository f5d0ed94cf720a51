using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Features.VisaLetters;
using Plenary.Kernel.Access;
using Plenary.Tests.Features.Messages;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.VisaLetters;

/// <summary>
/// Visa invitation letters: asked for at registration, sealed at rest, read only by the visa desk and every reading
/// logged, answered in bulk, issued as a PDF in English and the reader's language, checked by a consulate, and deleted a
/// set time after the forum.
/// </summary>
public abstract class VisaLetterTests(PlenaryApp app)
{
    private const string Number = "P4X91K27Q";

    private async Task<OwnForum> ForumAsync() =>
        await app.ForumOfItsOwnAsync("visa", firstDay: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)), shape: f => (f.CountryCode, f.HostCity) = ("ET", "Addis Ababa"));

    private Task<HttpClient> VisaDeskOfAsync(OwnForum forum) =>
        app.SignedInVisitorAsync($"desk{Guid.NewGuid():N}@example.org", async (db, id) =>
        {
            db.ForumMembers.Add(new ForumMember { ForumId = forum.Id, AccountId = id, Role = ForumRole.VisaDesk, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    private static Dictionary<string, string> Registration(string number = Number) => new()
    {
        ["Form.Mode"] = "Onsite", ["Form.Visa.Wanted"] = "true", ["Form.Visa.PassportName"] = "Amina Diallo", ["Form.Visa.Nationality"] = "SN",
        ["Form.Visa.PassportNumber"] = number, ["Form.Visa.BirthDate"] = "1990-04-23", ["Form.Visa.ConsulateCity"] = "Dakar", ["Form.Visa.ConsulateCountry"] = "SN",
    };

    private async Task<(HttpClient Visitor, string Email, VisaRequest Request)> RequestedAsync(OwnForum forum)
    {
        var email = $"visa{Guid.NewGuid():N}@example.org";
        var visitor = await app.SignedInVisitorAsync(email);
        var answer = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/register", Registration());
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(answer)).QuerySelector(".errors")?.TextContent);
        var request = await app.InDbAsync(db => db.VisaRequests.SingleAsync(r => r.ForumId == forum.Id && db.Users.Any(a => a.Id == r.AccountId && a.Email == email)));
        return (visitor, email, request);
    }

    private Task<List<string>> AuditAsync(OwnForum forum) =>
        app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    /// <summary>The column as the database returns it to anyone with SQL access, bypassing the app.</summary>
    private Task<List<string?>> RawPassportColumnAsync(OwnForum forum) => app.InDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"SealedPassport\" FROM \"VisaRequests\" WHERE \"ForumId\" = {forum.Id}";
        var values = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }
        return values;
    });

    [Fact]
    public async Task test_a_request_at_registration_is_sealed_at_rest_and_read_only_by_the_visa_desk_each_reading_logged()
    {
        var forum = await ForumAsync();
        var (_, _, request) = await RequestedAsync(forum);
        request.Status.ShouldBe(VisaRequestStatus.Waiting);
        var raw = await RawPassportColumnAsync(forum);
        raw.Single().ShouldNotBeNull();
        raw.Single()!.ShouldNotContain(Number);
        raw.Single()!.ShouldNotContain("Amina");
        raw.Single()!.ShouldNotContain("1990");
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.ForumId == forum.Id && (e.After!.Contains(Number) || e.After!.Contains("Amina"))))).ShouldBeFalse();

        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        var denied = await secretariat.GetAsync($"/{forum.Slug}/manage/visa-letters");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.OriginalString.ShouldContain("/account/denied");
        var settings = await secretariat.GetAsync($"/{forum.Slug}/manage/visa-letters/settings");
        settings.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await settings.Content.ReadAsStringAsync()).ShouldNotContain(Number);
        (await secretariat.GetAsync($"/{forum.Slug}/manage/visa-letters?handler=Csv")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var desk = await VisaDeskOfAsync(forum);
        var queue = await PlenaryApp.ParseAsync(await desk.GetAsync($"/{forum.Slug}/manage/visa-letters"));
        queue.QuerySelector("table.rooms tbody")!.TextContent.ShouldContain(Number);
        queue.QuerySelector("table.rooms tbody")!.TextContent.ShouldContain("Amina Diallo");
        var csv = await desk.GetAsync($"/{forum.Slug}/manage/visa-letters?handler=Csv&status=all");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await csv.Content.ReadAsStringAsync()).ShouldContain(Number);
        (await AuditAsync(forum)).ShouldBe(["visa.request", "registration.add", "visa.read.queue", "visa.read.csv"]);
    }

    [Fact]
    public async Task test_the_visa_desk_approves_in_bulk_the_letter_is_issued_at_once_and_a_consulate_can_verify_it()
    {
        var forum = await ForumAsync();
        var (visitor, email, first) = await RequestedAsync(forum);
        var (_, _, second) = await RequestedAsync(forum);
        using var desk = await VisaDeskOfAsync(forum);
        var page = $"/{forum.Slug}/manage/visa-letters";
        var approved = await PlenaryApp.SubmitFormAsync(desk, page, [new("ids", first.Id.ToString()), new("ids", second.Id.ToString()), new("decision", "approve")], $"{page}?handler=Decide");
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PlenaryApp.ParseAsync(approved)).QuerySelector(".errors")?.TextContent);
        var issued = await app.InDbAsync(db => db.VisaRequests.SingleAsync(r => r.Id == first.Id));
        issued.Status.ShouldBe(VisaRequestStatus.Approved);
        issued.LetterCode.ShouldNotBeNull();
        (await app.InDbAsync(db => db.Outbox.Where(m => m.To == email && m.Purpose == "visa-letter").Select(m => m.TextBody).SingleAsync())).ShouldContain(issued.LetterCode);

        var letter = await visitor.GetAsync($"/{forum.Slug}/visa-letter?handler=Letter");
        letter.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (pages, text) = await PdfText.ReadAsync(await letter.Content.ReadAsByteArrayAsync());
        pages.ShouldBe(1, "an English reader gets the English letter only");
        text.ShouldContain("Amina Diallo");
        text.ShouldContain(Number);
        text.ShouldContain($"/{forum.Slug}/letters/{issued.LetterCode}");

        using var consulate = app.CreateVisitor();
        var verified = await PlenaryApp.ParseAsync(await consulate.GetAsync($"/{forum.Slug}/letters/{issued.LetterCode}"));
        var main = verified.QuerySelector("main")!.TextContent;
        main.ShouldContain("genuine");
        main.ShouldContain("Amina Diallo");
        main.ShouldContain(Number[^4..]);
        main.ShouldNotContain(Number, customMessage: "the full number is not shown to anyone holding the link");
        main.ShouldNotContain("1990");
        (await consulate.GetAsync($"/{forum.Slug}/letters/AAAA-BBBB-CCCC-DDDD")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await PlenaryApp.SubmitFormAsync(desk, page, [], $"{page}?handler=Revoke&id={first.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.ParseAsync(await consulate.GetAsync($"/{forum.Slug}/letters/{issued.LetterCode}"))).QuerySelector("main")!.TextContent.ShouldContain("revoked");

        var audit = await AuditAsync(forum);
        audit.Count(a => a == "visa.approve").ShouldBe(2);
        audit.ShouldContain("visa.read.letter");
        audit.ShouldContain("visa.read.verify");
        audit.ShouldContain("visa.revoke");
    }

    [Fact]
    public async Task test_a_refusal_needs_a_reason_and_the_registrant_reads_it()
    {
        var forum = await ForumAsync();
        var (visitor, email, request) = await RequestedAsync(forum);
        using var desk = await VisaDeskOfAsync(forum);
        var page = $"/{forum.Slug}/manage/visa-letters";
        var noReason = await PlenaryApp.SubmitFormAsync(desk, page, [new("ids", request.Id.ToString()), new("decision", "refuse")], $"{page}?handler=Decide");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(noReason)).QuerySelector(".errors")!.TextContent.ShouldContain("Give the reason for refusing");
        var refused = await PlenaryApp.SubmitFormAsync(desk, page, [new("ids", request.Id.ToString()), new("decision", "refuse"), new("reason", "Your registration is for online participation.")], $"{page}?handler=Decide");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.Outbox.Where(m => m.To == email && m.Purpose == "visa-letter").Select(m => m.TextBody).SingleAsync())).ShouldContain("Your registration is for online participation.");
        (await PlenaryApp.ParseAsync(await visitor.GetAsync($"/{forum.Slug}/visa-letter"))).QuerySelector(".registration")!.TextContent.ShouldContain("Your registration is for online participation.");
        (await visitor.GetAsync($"/{forum.Slug}/visa-letter?handler=Letter")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Form.Visa.PassportNumber", "12", "passport number")]
    [InlineData("Form.Visa.BirthDate", "23/04/1990", "date of birth")]
    [InlineData("Form.Visa.Nationality", "ZZ", "country that issued your passport")]
    [InlineData("Form.Visa.ConsulateCity", "", "city of the embassy")]
    [InlineData("Form.Mode", "Online", "register to take part onsite")]
    public async Task test_a_bad_request_is_named_and_nothing_is_saved(string field, string value, string message)
    {
        var forum = await ForumAsync();
        using var visitor = await app.SignedInVisitorAsync($"badvisa{Guid.NewGuid():N}@example.org");
        var fields = Registration();
        fields[field] = value;
        var answer = await PlenaryApp.SubmitFormAsync(visitor, $"/{forum.Slug}/register", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector(".errors")!.TextContent.ShouldContain(message, Case.Insensitive);
        (await app.InDbAsync(db => db.VisaRequests.CountAsync(r => r.ForumId == forum.Id))).ShouldBe(0);
    }

    [Theory]
    [InlineData("fr", "Nous avons le plaisir d'inviter")]
    [InlineData("ar", "حامل جواز السفر رقم")]
    public async Task test_the_letter_is_in_english_and_the_readers_language(string language, string words)
    {
        var forum = await ForumAsync();
        var (_, _, request) = await RequestedAsync(forum);
        await app.InDbAsync(db => db.VisaRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, language)));
        using var desk = await VisaDeskOfAsync(forum);
        var page = $"/{forum.Slug}/manage/visa-letters";
        (await PlenaryApp.SubmitFormAsync(desk, page, [new("ids", request.Id.ToString()), new("decision", "approve")], $"{page}?handler=Decide")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var letter = await desk.GetAsync($"{page}?handler=Letter&id={request.Id}");
        letter.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (pages, text) = await PdfText.ReadAsync(await letter.Content.ReadAsByteArrayAsync());
        pages.ShouldBe(2);
        text.ShouldContain("We are pleased to invite Amina Diallo");
        text.ShouldContain(words);
        text.ShouldContain(Number);
    }

    [Fact]
    public async Task test_passport_data_is_deleted_the_set_time_after_the_forum_ends()
    {
        var forum = await ForumAsync();
        var (_, _, request) = await RequestedAsync(forum);
        await app.InDbAsync(async db =>
        {
            db.VisaLetterSettings.Add(new VisaLetterSettings { ForumId = forum.Id, RetentionDays = 30 });
            await db.SaveChangesAsync();
        });
        // The end of the forum's last day in Nairobi (UTC+3) is 21:00 UTC the day before the next.
        var end = new DateTime(forum.LastDay.Year, forum.LastDay.Month, forum.LastDay.Day, 21, 0, 0, DateTimeKind.Utc);
        var clock = new SetClock(end.AddDays(30).AddMinutes(-1));
        var sweeper = ActivatorUtilities.CreateInstance<VisaRetentionSweeper>(app.Services, clock);
        await sweeper.SweepOnceAsync(CancellationToken.None);
        (await RawPassportColumnAsync(forum)).Single().ShouldNotBeNull("a minute before the set time");

        clock.Now = end.AddDays(30).AddMinutes(1);
        await sweeper.SweepOnceAsync(CancellationToken.None);
        (await RawPassportColumnAsync(forum)).Single().ShouldBeNull();
        var kept = await app.InDbAsync(db => db.VisaRequests.SingleAsync(r => r.Id == request.Id));
        kept.PassportDeletedAt.ShouldBe(clock.Now);
        (await AuditAsync(forum)).ShouldContain("visa.delete");
    }
}

[Collection("sqlite")]
public sealed class VisaLetterOnSqlite(SqliteApp app) : VisaLetterTests(app);

[Collection("postgres")]
public sealed class VisaLetterOnPostgres(PostgresApp app) : VisaLetterTests(app);
