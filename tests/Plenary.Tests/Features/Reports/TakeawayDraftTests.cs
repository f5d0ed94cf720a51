using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

/// <summary>The drafting itself: only sentences said, lightly trimmed, at most three takeaways and two calls to action.</summary>
public sealed class TakeawayDraftTests
{
    private static readonly List<TranscriptTurn> Turns =
    [
        new("MODERATOR", "Good morning and welcome. Let me introduce our panel. First, Amina Diallo from a community network in Senegal."),
        new("AMINA DIALLO", "Thank you very much. So, I work with a community network in rural Senegal that now connects eleven villages. "
            + "The real barrier is licensing, because community networks pay the same licence fees as national operators. "
            + "I think that regulators should create a light licence category for small, non-profit community networks. Is that clear?"),
        new("CARLOS MENDOZA", "And access to spectrum set aside for indigenous communities changed everything for the networks in Oaxaca. "
            + "Governments must open their public fibre networks to community operators on equal terms. "
            + "Universal service funds hold billions that could finance community networks with simple procedures."),
        new(null, "Training local women as technicians makes community networks much more sustainable, because they stay in the village."),
        new("MODERATOR", "Thank you all, we are out of time."),
    ];

    private const string Record = "Community networks: connecting the last billion. Licensing, spectrum and financing for community networks.";

    [Fact]
    public void Every_drafted_sentence_is_said_in_the_turn_it_cites_trimmed_only_of_its_opening()
    {
        var draft = TakeawayDraft.Draft(Turns, Record, "en");

        draft.Takeaways.Count.ShouldBeInRange(1, TakeawayDraft.MaxTakeaways);
        draft.Actions.Count.ShouldBeInRange(1, TakeawayDraft.MaxActions);
        foreach (var d in draft.Takeaways.Concat(draft.Actions))
        {
            var said = Turns[d.Turn].Text.Substring(d.Start, d.Length);
            // The offered text is what was said; only its first letter may become a capital, as it now starts a sentence.
            d.Text[1..].ShouldBe(said[1..]);
            char.ToLowerInvariant(d.Text[0]).ShouldBe(char.ToLowerInvariant(said[0]));
            Turns[d.Turn].Text.ShouldContain(said);
            d.Speaker.ShouldBe(Turns[d.Turn].Speaker);
        }
        var texts = draft.Takeaways.Concat(draft.Actions).Select(d => d.Text).ToList();
        texts.ShouldBeUnique();
        // "So," "And" and "I think that" are cut; questions, courtesies and the chair's introductions are never offered.
        texts.ShouldContain("Regulators should create a light licence category for small, non-profit community networks.");
        texts.ShouldNotContain(t => t.StartsWith("So", StringComparison.Ordinal) || t.StartsWith("And", StringComparison.Ordinal) || t.StartsWith("I think", StringComparison.Ordinal));
        texts.ShouldNotContain(t => t.EndsWith('?') || t.Contains("Thank") || t.Contains("Amina Diallo from"));
        draft.Actions.ShouldAllBe(a => a.Text.Contains("should") || a.Text.Contains("must"));
    }

    [Fact]
    public void A_transcript_with_no_appeal_gets_no_call_to_action_and_one_with_no_sentence_fit_gets_nothing()
    {
        var plain = TakeawayDraft.Draft([new("A", "Community networks connect eleven villages in rural Senegal with cheap equipment and local technicians.")], Record, "en");
        plain.Takeaways.Select(t => t.Text).ShouldBe(["Community networks connect eleven villages in rural Senegal with cheap equipment and local technicians."]);
        plain.Actions.ShouldBeEmpty();

        TakeawayDraft.Draft([new("A", "Thank you. Yes. Can you hear me?")], Record, "en").IsEmpty.ShouldBeTrue();
        TakeawayDraft.Draft([], Record, "en").IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void French_and_Spanish_appeals_are_calls_to_action_and_their_openings_are_cut()
    {
        var french = TakeawayDraft.Draft([new("A", "Donc, il faut que les régulateurs créent une licence légère pour les petits réseaux communautaires sans but lucratif.")], "réseaux communautaires", "fr");
        french.Actions.Select(a => a.Text).ShouldBe(["Il faut que les régulateurs créent une licence légère pour les petits réseaux communautaires sans but lucratif."]);

        var spanish = TakeawayDraft.Draft([new("A", "Bueno, los gobiernos deben abrir sus redes públicas de fibra a las redes comunitarias en igualdad de condiciones.")], "redes comunitarias", "es");
        spanish.Actions.Select(a => a.Text).ShouldBe(["Los gobiernos deben abrir sus redes públicas de fibra a las redes comunitarias en igualdad de condiciones."]);
    }
}

/// <summary>
/// "Draft from the transcript" on the report form: it fills the empty takeaway fields with sentences said, each linked to
/// its turn on the transcript page, saves and publishes nothing, and is there only for the session's writers.
/// </summary>
public abstract class DraftFromTranscriptTests(PlenaryApp app)
{
    private const string Captions = """
        >> MODERATOR: Good morning and welcome. Let me introduce our panel.
        >> AMINA DIALLO: Thank you very much. So, I work with a community network in rural Senegal that now connects eleven villages. The real barrier is licensing, because community networks pay the same licence fees as national operators. I think that regulators should create a light licence category for small, non-profit community networks.
        >> CARLOS MENDOZA: And access to spectrum set aside for indigenous communities changed everything for the networks in Oaxaca. Governments must open their public fibre networks to community operators on equal terms. Universal service funds hold billions that could finance community networks with simple procedures.
        >> PRIYA NAIR: Training local women as technicians makes community networks much more sustainable, because they stay in the village.
        >> MODERATOR: Thank you all, we are out of time.
        """;

    private static string Page(OwnForum forum, Session s) => $"/{forum.Slug}/sessions/{s.Key}/report";

    private static Task<HttpResponseMessage> DraftAsync(HttpClient visitor, OwnForum forum, Session s, Dictionary<string, string> fields, string? tokenFrom = null) =>
        PlenaryApp.SubmitFormAsync(visitor, tokenFrom ?? Page(forum, s), fields, $"{Page(forum, s)}?handler=Draft");

    [Fact]
    public async Task The_draft_fills_empty_fields_with_sentences_said_linked_to_their_turns_and_saves_nothing()
    {
        var forum = await app.ForumOfItsOwnAsync("drafts", unplaced: 1);
        var session = forum.Session(1);
        await app.InDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Title, "Community networks: connecting the last billion")
            .SetProperty(s => s.Description, "Licensing, spectrum and financing for community networks.")));
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        (await PlenaryApp.SubmitFormAsync(rapporteur, $"/{forum.Slug}/sessions/{session.Key}/transcript", new Dictionary<string, string> { ["Source"] = Captions }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, form) = await GetAsync(rapporteur, Page(forum, session));
        form.QuerySelector("button[formaction$='handler=Draft']").ShouldNotBeNull();

        using var answer = await DraftAsync(rapporteur, forum, session, new() { ["Form.Takeaway2"] = "My own words, typed before drafting." });
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(answer);
        page.QuerySelector("#draft-result")!.TextContent.ShouldContain("Drafted from the transcript");
        page.QuerySelector("#takeaway2")!.TextContent.ShouldBe("My own words, typed before drafting.");
        page.QuerySelector("#takeaway2-source").ShouldBeNull();

        var (_, transcript) = await GetAsync(rapporteur, $"/{forum.Slug}/sessions/{session.Key}/transcript");
        var drafted = new[] { "takeaway1", "takeaway3", "action1", "action2" }
            .Where(id => page.QuerySelector($"#{id}")!.TextContent.Length > 0).ToList();
        drafted.ShouldContain("takeaway1");
        drafted.ShouldContain("action1");
        foreach (var id in drafted)
        {
            var text = page.QuerySelector($"#{id}")!.TextContent;
            var link = page.QuerySelector($"#{id}-source a")!;
            var href = link.GetAttribute("href")!;
            href.ShouldStartWith($"/{forum.Slug}/sessions/{session.Key}/transcript#turn-");
            // The link leads to a turn on the transcript page that says the sentence, by the speaker the citation names.
            var turn = transcript.GetElementById(href.Split('#')[1]);
            turn.ShouldNotBeNull();
            turn!.TextContent.ShouldContain(text[1..]);
            link.TextContent.ShouldContain(turn.QuerySelector("strong")!.TextContent);
        }
        page.QuerySelector("#action1")!.TextContent.ShouldBeOneOf(
            "Regulators should create a light licence category for small, non-profit community networks.",
            "Governments must open their public fibre networks to community operators on equal terms.");

        // Drafting saved nothing: no draft on the server, nothing published, no version.
        (await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft).FirstOrDefaultAsync())).ShouldBeNull();
        (await app.InDbAsync(db => db.Takeaways.AnyAsync(t => t.SessionId == session.Id))).ShouldBeFalse();
        (await app.InDbAsync(db => db.OutputVersions.AnyAsync(v => v.SessionId == session.Id))).ShouldBeFalse();

        // Every field already typed: nothing is replaced, and the writer is told why.
        var full = new Dictionary<string, string>();
        foreach (var field in new[] { "Takeaway1", "Takeaway2", "Takeaway3", "Action1", "Action2" })
        {
            full[$"Form.{field}"] = $"Typed {field}.";
        }
        var again = await PlenaryApp.ParseAsync(await DraftAsync(rapporteur, forum, session, full));
        again.QuerySelector("#draft-result")!.TextContent.ShouldContain("already has text");
        again.QuerySelector("#takeaway1")!.TextContent.ShouldBe("Typed Takeaway1.");
    }

    [Fact]
    public async Task Without_a_transcript_there_is_no_button_but_a_way_to_add_one()
    {
        var forum = await app.ForumOfItsOwnAsync("drafts", unplaced: 1);
        var session = forum.Session(1);
        using var organiser = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Organiser);

        var (_, form) = await GetAsync(organiser, Page(forum, session));
        form.QuerySelector("button[formaction$='handler=Draft']").ShouldBeNull();
        form.QuerySelector($"#draft-from-transcript a[href='/{forum.Slug}/sessions/{session.Key}/transcript']").ShouldNotBeNull();

        var page = await PlenaryApp.ParseAsync(await DraftAsync(organiser, forum, session, []));
        page.QuerySelector("#draft-result")!.TextContent.ShouldContain("no transcript yet");
    }

    [Fact]
    public async Task Only_the_sessions_writers_may_draft()
    {
        var forum = await app.ForumOfItsOwnAsync("drafts", unplaced: 1);
        var session = forum.Session(1);
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        await PlenaryApp.SubmitFormAsync(rapporteur, $"/{forum.Slug}/sessions/{session.Key}/transcript", new Dictionary<string, string> { ["Source"] = Captions });

        using var speaker = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Speaker);
        using var participant = await app.SignedInVisitorAsync($"participant-{Guid.NewGuid():N}@example.org");
        foreach (var visitor in new[] { speaker, participant })
        {
            // A real antiforgery token of their own, from a form they may use, so only the authorisation can refuse them.
            var refused = await DraftAsync(visitor, forum, session, [], tokenFrom: "/account/api-tokens");
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            refused.Headers.Location!.OriginalString.ShouldContain("/account/denied");
        }
        using var anonymous = app.CreateVisitor();
        var signIn = await anonymous.PostAsync($"{Page(forum, session)}?handler=Draft", new FormUrlEncodedContent([]));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
    }

    private static async Task<(HttpStatusCode, AngleSharp.Html.Dom.IHtmlDocument)> GetAsync(HttpClient visitor, string url)
    {
        using var response = await visitor.GetAsync(url);
        return (response.StatusCode, await PlenaryApp.ParseAsync(response));
    }
}

[Collection("sqlite")]
public sealed class DraftFromTranscriptOnSqlite(SqliteApp app) : DraftFromTranscriptTests(app);

[Collection("postgres")]
public sealed class DraftFromTranscriptOnPostgres(PostgresApp app) : DraftFromTranscriptTests(app);
