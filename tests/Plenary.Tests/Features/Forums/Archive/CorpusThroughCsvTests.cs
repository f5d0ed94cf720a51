using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Plenary.Tests.Infrastructure.Fixtures;
using static Plenary.Tests.Features.Forums.Archive.ForumArchiveTests;

namespace Plenary.Tests.Features.Forums.Archive;

/// <summary>
/// The corpus of record shapes the other way in: as people.csv and sessions.csv, written here from the corpus document
/// with the columns README documents, imported through the workspace's API into a forum of its own (made by the archive
/// import with its types, subthemes, rooms and record sections but no sessions). Every field the CSV carries must show on
/// the session page and come out of the JSON export as the corpus has it.
/// The CSV does not carry, by design: a session's approach, SDG text, expected attendance, status (a cancellation),
/// schedule sequence, takeaways, calls to action, report, gender report, reporting dates and transcript; a person's time
/// zone; an organisation's stakeholder group, regional group and country (an organiser is named only); the mode of an
/// organiser, rapporteur, co-rapporteur, main or floor moderator or timekeeper (their columns are onsite) and the order of
/// roles across columns (each column keeps its own);
/// a format and a format line together (the format column holds one: the line when there is one, and a line naming one of
/// the formats, such as "Birds of a Feather", comes back as that format).
/// </summary>
public abstract class CorpusThroughCsvTests(PlenaryApp app)
{
    private const string Forum = "corpus-csv";

    private static readonly string[] PeopleColumns = ["key", "honorific", "name", "title", "affiliation", "stakeholder_group", "regional_group", "country"];

    private static readonly string[] SessionColumns =
    [
        "type", "number", "title", "format", "layout", "length_minutes", "subtheme", "day", "start", "room", "description",
        "sdgs", "sdg_targets", "tags", "organisers", "speakers_onsite", "speakers_online", "moderator_onsite", "moderator_online", "rapporteur",
        "presenters_onsite", "presenters_online", "moderator_main", "moderator_floor", "timekeeper", "co_rapporteur",
    ];

    private static readonly string[] PeopleColumnsOfSessions = SessionColumns[SessionColumns.AsSpan().IndexOf("organisers")..];

    /// <summary>The sessions.csv column a role is written in, as README names them.</summary>
    private static string ColumnOf(JsonNode role) => ((string)role["kind"]!, (string)role["mode"]!) switch
    {
        ("Organiser", _) => "organisers",
        ("Speaker", "Online") => "speakers_online",
        ("Speaker", _) => "speakers_onsite",
        ("OnsiteModerator", _) => "moderator_onsite",
        ("OnlineModerator", _) => "moderator_online",
        ("Presenter", "Online") => "presenters_online",
        ("Presenter", _) => "presenters_onsite",
        ("Moderator", _) => "moderator_main",
        ("FloorModerator", _) => "moderator_floor",
        ("Timekeeper", _) => "timekeeper",
        ("CoRapporteur", _) => "co_rapporteur",
        ("Rapporteur", _) => "rapporteur",
        var other => throw new InvalidOperationException($"No column for {other}."),
    };

    /// <summary>A person in a people column as README writes it: "[Title | Affiliation]" for what they were at that session, "(TBC)" when to be confirmed.</summary>
    private static string Cell(string reference, JsonNode role) =>
        reference + (role["title"] is null && role["affiliation"] is null ? "" : $" [{(string?)role["title"]} | {(string?)role["affiliation"]}]")
        + (role["toBeConfirmed"] is null ? "" : " (TBC)");

    [Fact]
    public async Task The_corpus_imported_as_people_csv_and_sessions_csv_shows_each_field_the_csv_carries_and_exports_it_as_the_corpus_has_it()
    {
        var corpus = JsonNode.Parse(File.ReadAllBytes(CorpusFile))!;
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(await app.AdministratorAsync()));
        var shell = corpus.DeepClone();
        shell["forum"]!["slug"] = Forum;
        shell["sessions"] = null;
        shell["people"] = null;
        shell["organisations"] = null;
        using (var made = new ByteArrayContent(Encoding.UTF8.GetBytes(shell.ToJsonString())))
        {
            made.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var answer = await api.PostAsync("/api/forums/import", made);
            answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        }

        var people = corpus["people"]!.AsArray().ToDictionary(p => (string)p!["id"]!, p => p!);
        var organisations = corpus["organisations"]!.AsArray().ToDictionary(o => (string)o!["id"]!, o => o!);
        var slugs = corpus["sections"]!.AsArray().Select(s => (string)s!["slug"]!).ToList();
        var peopleCsv = Csv(PeopleColumns, people.Values.Select(p => new[]
        {
            (string?)p["id"], (string?)p["honorific"], (string?)p["name"], (string?)p["title"], (string?)p["affiliation"],
            (string?)p["stakeholderGroup"], (string?)p["regionalGroup"], (string?)p["country"],
        }));
        var sessionsCsv = Csv([.. SessionColumns, .. slugs], corpus["sessions"]!.AsArray().Select(s =>
        {
            var roles = s!["roles"]?.AsArray() ?? [];
            string Column(string column) => string.Join(';', roles.Where(r => ColumnOf(r!) == column)
                .Select(r => r!["person"] is { } person ? Cell((string)person!, r) : (string)organisations[(string)r["organisation"]!]["name"]!));
            return new[]
            {
                (string?)s["type"], s["hasNumber"] is null ? ((int)s["number"]!).ToString(CultureInfo.InvariantCulture) : null, (string?)s["title"],
                (string?)s["formatLine"] ?? (string?)s["format"], (string?)s["layout"], ((int)s["lengthMinutes"]!).ToString(CultureInfo.InvariantCulture),
                (string?)s["subtheme"], (string?)s["day"], (string?)s["startsAt"], (string?)s["room"], (string?)s["description"],
                string.Join(';', s["sdgs"]?.AsArray().Select(g => (int)g!) ?? []), string.Join(';', s["sdgTargets"]?.AsArray().Select(t => (string)t!) ?? []),
                string.Join(';', s["tags"]?.AsArray().Select(t => (string)t!) ?? []),
            }.Concat(PeopleColumnsOfSessions.Select(Column)).Concat(slugs.Select(slug => (string?)s["sections"]?[slug])).ToArray();
        }));

        using (var files = new MultipartFormDataContent())
        {
            files.Add(new ByteArrayContent(peopleCsv), "people", "people.csv");
            files.Add(new ByteArrayContent(sessionsCsv), "sessions", "sessions.csv");
            using var answer = await api.PostAsync($"/api/forums/{Forum}/import", files);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        }

        using var exported = await api.GetAsync($"/api/forums/{Forum}/archive.json");
        exported.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(await exported.Content.ReadAsByteArrayAsync())!;
        var outPeople = document["people"]!.AsArray().ToDictionary(p => (string)p!["id"]!, p => p!);
        var outOrganisations = document["organisations"]!.AsArray().ToDictionary(o => (string)o!["id"]!, o => o!);
        var outSessions = document["sessions"]!.AsArray().Select(s => s!).ToList();
        outSessions.Count.ShouldBe(corpus["sessions"]!.AsArray().Count);
        var sections = corpus["sections"]!.AsArray().ToDictionary(s => (string)s!["slug"]!, s => s!);
        var subthemes = corpus["subthemes"]!.AsArray().ToDictionary(s => (string)s!["slug"]!, s => (string)s!["name"]!);
        var checkedSections = 0;

        foreach (var s in corpus["sessions"]!.AsArray().Select(s => s!))
        {
            var name = $"{s["type"]} {s["number"]}";
            // A session without a number is found by its type and title, as the import finds it.
            var e = outSessions.Single(x => (string)x["type"]! == (string)s["type"]! && (string)x["title"]! == (string)s["title"]!);
            foreach (var field in new[]
            {
                "number", "hasNumber", "layout", "lengthMinutes", "subtheme", "day", "startsAt", "endsAt", "room", "description", "sdgs", "sdgTargets", "tags", "sections",
            })
            {
                JsonNode.DeepEquals(e[field], s[field]).ShouldBeTrue($"{name}: {field} is {e[field]?.ToJsonString() ?? "absent"}, the corpus has {s[field]?.ToJsonString() ?? "nothing"}");
            }
            // The column holds one label, read as a format when it names one: "Birds of a Feather" written as a line comes back as that format.
            Label(e).ShouldBe(Label(s), $"{name}: format");
            Roles(e, outPeople, outOrganisations).ShouldBe(Roles(s, people, organisations), $"{name}: roles");

            var (status, page) = await app.GetPageAsync($"/{Forum}/sessions/{((string)s["type"]!).ToLowerInvariant()}-{e["number"]}", "en");
            status.ShouldBe(HttpStatusCode.OK, name);
            var text = Flat(page.Body!.TextContent);
            var shown = new List<string> { (string)s["title"]! };
            shown.AddRange(Strings(s, "formatLine", "room"));
            if (s["subtheme"] is { } subtheme)
            {
                shown.Add(subthemes[(string)subtheme!]);
            }
            if (s["startsAt"] is { } starts)
            {
                shown.Add($"{((DateTime)starts!).ToUniversalTime():HH:mm}–{((DateTime)s["endsAt"]!).ToUniversalTime():HH:mm} UTC");
            }
            if (s["day"] is { } day)
            {
                shown.Add(DateOnly.Parse((string)day!, CultureInfo.InvariantCulture).ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en")));
            }
            shown.AddRange(Roles(s, people, organisations).Select(r => r.Name));
            shown.AddRange(s["tags"]?.AsArray().Select(t => (string)t!) ?? []);
            shown.AddRange(s["sdgTargets"]?.AsArray().Select(t => (string)t!) ?? []);
            shown.AddRange(Lines(Strings(s, "description")));
            foreach (var (slug, markdown) in s["sections"]?.AsObject() ?? [])
            {
                var lines = Lines([(string)markdown!]).Prepend((string)sections[slug]["title"]!);
                if ((bool)sections[slug]["isPublic"]!)
                {
                    shown.AddRange(lines);
                }
                else
                {
                    foreach (var line in lines)
                    {
                        text.ShouldNotContain(Flat(line), Case.Sensitive, $"{name}: the non-public “{line}” is shown to a reader");
                    }
                }
                checkedSections++;
            }
            foreach (var line in shown)
            {
                text.ShouldContain(Flat(line), Case.Sensitive, $"{name}: “{line}” is not on its page");
            }
        }
        checkedSections.ShouldBeGreaterThanOrEqualTo(8);
    }

    private static string Label(JsonNode session) =>
        ((string?)session["formatLine"] ?? (string)session["format"]!).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>
    /// A session's roles as the CSV carries them: by column, in each column's order, each with the person's fields from
    /// people.csv or the organisation's name.
    /// </summary>
    private static List<(string Column, string Name, string Person, string Then)> Roles(JsonNode session, Dictionary<string, JsonNode> people, Dictionary<string, JsonNode> organisations) =>
        (session["roles"]?.AsArray() ?? []).Select(r => r!).Select((r, i) => (Column: ColumnOf(r), Role: r, Index: i))
            .OrderBy(x => Array.IndexOf(SessionColumns, x.Column)).ThenBy(x => x.Index)
            .Select(x => x.Role["person"] is { } id
                ? (x.Column, (string)people[(string)id!]["name"]!, string.Join('|', new[] { "honorific", "name", "title", "affiliation", "stakeholderGroup", "regionalGroup", "country" }
                    .Select(f => (string?)people[(string)id!][f])), string.Join('|', new[] { "title", "affiliation", "toBeConfirmed" }.Select(f => x.Role[f]?.ToJsonString())))
                : (x.Column, (string)organisations[(string)x.Role["organisation"]!]["name"]!, "", ""))
            .ToList();

    /// <summary>RFC 4180 with every cell quoted, as a spreadsheet saves it; a cell that would read as a formula gets the apostrophe README describes.</summary>
    private static byte[] Csv(string[] columns, IEnumerable<string?[]> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows.Prepend(columns))
        {
            csv.AppendJoin(',', row.Select(cell => cell is null ? "" : "\"" + (cell.Length > 0 && "=+-@".Contains(cell[0]) ? "'" : "") + cell.Replace("\"", "\"\"") + "\""));
            csv.Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}

public sealed class CorpusThroughCsvOnSqlite(EmptySqliteApp app) : CorpusThroughCsvTests(app), IClassFixture<EmptySqliteApp>;

public sealed class CorpusThroughCsvOnPostgres(EmptyPostgresApp app) : CorpusThroughCsvTests(app), IClassFixture<EmptyPostgresApp>;
