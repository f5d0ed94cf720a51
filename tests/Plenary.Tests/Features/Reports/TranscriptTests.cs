using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

/// <summary>Writers paste or upload a transcript; it is shown on the session page in speaker turns and kept for search.</summary>
public abstract class TranscriptTests(PlenaryApp app)
{
    [Fact]
    public async Task Pasted_captions_are_saved_in_turns_shown_on_the_session_page_and_audited()
    {
        var forum = await app.ForumOfItsOwnAsync("transcript", unplaced: 2);
        var session = forum.Session(1);
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var page = $"/{forum.Slug}/sessions/{session.Key}/transcript";

        var saved = await PlenaryApp.SubmitFormAsync(rapporteur, page, new Dictionary<string, string>
        {
            ["Source"] = ">> MODERATOR: Welcome to the session.\n>> AMINA DIALLO: Community networks work.",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var transcript = await app.InDbAsync(db => db.Transcripts.SingleAsync(t => t.SessionId == session.Id));
        transcript.Format.ShouldBe(TranscriptFormat.Captions);
        transcript.SearchText.ShouldBe("MODERATOR: Welcome to the session.\nAMINA DIALLO: Community networks work.");
        (await app.InDbAsync(db => db.AuditLog.Where(e => e.ForumId == forum.Id && e.Action == "report.transcript.save").Select(e => e.Subject).ToListAsync())).ShouldBe(["WS #1"]);

        // The public sees a session once a release carries it.
        await app.ReleaseTimetableAsync(forum.Slug);
        var (_, publicPage) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}");
        var turns = publicPage.QuerySelectorAll("#transcript ~ details ol.transcript li").Select(li => li.TextContent).ToList();
        turns.ShouldBe(["MODERATOR: Welcome to the session.", "AMINA DIALLO: Community networks work."]);

        // Kept for search: the programme finds the session by words said only in its transcript.
        var (_, found) = await app.GetPageAsync($"/{forum.Slug}/programme?q=community+NETWORKS+welcome");
        found.QuerySelectorAll("ol.sessions h3 a").Select(a => a.GetAttribute("href")).ShouldBe([$"/{forum.Slug}/sessions/ws-1"]);
        var (_, notFound) = await app.GetPageAsync($"/{forum.Slug}/programme?q=community+networks+goodbye");
        notFound.QuerySelectorAll("ol.sessions h3").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_not_in_utf8_is_refused_at_the_field_and_the_pasted_text_is_kept()
    {
        var forum = await app.ForumOfItsOwnAsync("transcript", unplaced: 1);
        var session = forum.Session(1);
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);
        var page = $"/{forum.Slug}/sessions/{session.Key}/transcript";

        var refused = await PlenaryApp.UploadAsync(organiser, page, page,
            new Dictionary<string, (string, byte[])> { ["Upload"] = ("captions.txt", Encoding.Latin1.GetBytes(">> JOSÉ: Très bien.")) },
            new Dictionary<string, string> { ["Source"] = "Typed notes" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var form = await PlenaryApp.ParseAsync(refused);
        form.QuerySelector("#transcript-file")!.GetAttribute("aria-invalid").ShouldBe("true");
        form.QuerySelector("[role=alert]")!.TextContent.ShouldContain("not UTF-8");
        form.QuerySelector("#transcript")!.TextContent.ShouldBe("Typed notes");

        var unknown = await PlenaryApp.SubmitFormAsync(organiser, page, new Dictionary<string, string> { ["Source"] = "Only some notes, no speakers." });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var again = await PlenaryApp.ParseAsync(unknown);
        again.QuerySelector("#transcript")!.GetAttribute("aria-invalid").ShouldBe("true");
        again.QuerySelector("#transcript")!.TextContent.ShouldBe("Only some notes, no speakers.");
        (await app.InDbAsync(db => db.Transcripts.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
    }
}

[Collection("sqlite")]
public sealed class TranscriptOnSqlite(SqliteApp app) : TranscriptTests(app);

[Collection("postgres")]
public sealed class TranscriptOnPostgres(PostgresApp app) : TranscriptTests(app);
