using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// Pages go out as UTF-8 text, not as numeric character entities: an Arabic, Russian or Chinese page written as
/// <c>&amp;#x627;</c>… weighs several times more on the wire and reads wrong in any tool that does not decode it.
/// Only the markup's own characters (&lt; &gt; &amp; quotes, +) may be escaped.
/// </summary>
public abstract partial class CharacterEntitiesTests(PlenaryApp app)
{
    public static TheoryData<string> Cultures() => new() { "ar", "ru", "zh-Hans" };

    private static readonly string[] PublicPages =
    [
        "/archive", "/igf2022", "/igf2022/programme", "/igf2022/programme?sdg=9", "/igf2022/sessions/of-56", "/igf2022/sdgs", "/igf2022/sdgs/9",
        "/igf2022/rooms", "/igf2022/people", "/igf2022/schedule/grid", "/igf2022/changes", "/igf2022/call",
        "/account/sign-in", "/account/sign-up", "/account/forgot-password", "/igf2022/no-such-page",
    ];

    private static readonly string[] WorkspacePages =
    [
        "/account", "/account/sessions", "/account/two-factor", "/account/api-tokens", "/igf2022/proposals", "/igf2022/agenda",
        "/igf2022/register", "/igf2022/manage", "/igf2022/manage/sessions", "/igf2022/manage/people", "/igf2022/manage/rooms",
        "/igf2022/manage/session-types", "/igf2022/manage/subthemes", "/igf2022/manage/sections", "/igf2022/manage/team",
        "/igf2022/manage/call", "/igf2022/manage/import", "/igf2022/manage/invitations", "/igf2022/manage/audit",
        "/igf2022/manage/registrations", "/igf2022/manage/check-in", "/igf2022/manage/online", "/igf2022/manage/reports",
        "/igf2022/manage/messages", "/igf2022/manage/reviews", "/igf2022/manage/reviews/ranking", "/igf2022/manage/timetable",
        "/igf2022/manage/timetable/settings", "/igf2022/manage/timetable/availability", "/igf2022/manage/proposals",
        "/igf2022/sessions/of-56/edit", "/igf2022/sessions/of-56/report", "/igf2022/sessions/of-56/console",
        "/igf2022/sessions/of-56/live", "/igf2022/sessions/of-56/queue-record",
    ];

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Public_pages_carry_their_text_as_utf8_not_as_character_entities(string culture)
    {
        var found = new List<string>();
        foreach (var url in PublicPages)
        {
            using var response = await app.GetAsync(WithCulture(url, culture));
            found.AddRange(EntitiesIn(url, await response.Content.ReadAsStringAsync()));
        }
        found.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Signed_in_workspace_pages_carry_their_text_as_utf8_not_as_character_entities(string culture)
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var found = new List<string>();
        foreach (var url in WorkspacePages)
        {
            using var response = await secretariat.GetAsync(WithCulture(url, culture));
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.OK], url);
            found.AddRange(EntitiesIn(url, await response.Content.ReadAsStringAsync()));
        }
        found.ShouldBeEmpty();
    }

    private static string WithCulture(string url, string culture) => url + (url.Contains('?') ? "&" : "?") + "culture=" + culture;

    /// <summary>Each numeric entity for a character beyond ASCII, with some text around it to find where it comes from.</summary>
    private static IEnumerable<string> EntitiesIn(string url, string html) =>
        Entity().Matches(html)
            .Where(m => int.Parse(m.Groups["hex"].Success ? m.Groups["hex"].Value : m.Groups["dec"].Value,
                m.Groups["hex"].Success ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture) > 0x7F)
            .Select(m => $"{url}: …{html[Math.Max(0, m.Index - 60)..Math.Min(html.Length, m.Index + m.Length + 20)]}…")
            .Take(3);

    [GeneratedRegex("&#(?:[xX](?<hex>[0-9a-fA-F]+)|(?<dec>[0-9]+));")]
    private static partial Regex Entity();
}

[Collection("sqlite")]
public sealed class CharacterEntitiesOnSqlite(SqliteApp app) : CharacterEntitiesTests(app);

[Collection("postgres")]
public sealed class CharacterEntitiesOnPostgres(PostgresApp app) : CharacterEntitiesTests(app);
