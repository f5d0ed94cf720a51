using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Programme;

/// <summary>
/// A problem with one filter value, in words a reader can act on. Message is the English text and the localization key;
/// an argument that is a list (a string[]: the forum's type codes) is joined as the reader's language writes a list.
/// </summary>
public sealed record FilterError(string Field, string Message, params object[] Arguments)
{
    public string English => string.Format(CultureInfo.InvariantCulture, Message, Arguments.Select(a => a is string[] items ? string.Join(", ", items) : a).ToArray());

    /// <summary>The message in the reader's language, a list in it joined with that language's comma.</summary>
    public string In(IStringLocalizer L) => L[Message, Arguments.Select(a => a is string[] items ? L.List(items) : a).ToArray()];
}

/// <summary>
/// The programme's filters, read from the query string. The programme page, the room and SDG pages and the
/// sessions API all read the same keys, so any filtered view has one shareable URL:
/// day=2022-12-01, type=WS, subtheme=governing-data, sdg=9, gdc=3, wsis=C5, room=3, q=free text, tz=Europe/Paris.
/// </summary>
public sealed class SessionFilter
{
    public const int MaxTextLength = 200;
    public static readonly string[] Keys = ["day", "type", "subtheme", "sdg", "gdc", "wsis", "room", "q", "tz"];

    public DateOnly? Day { get; private init; }
    public SessionType? Type { get; private init; }
    public Subtheme? Subtheme { get; private init; }
    public int? Sdg { get; private init; }

    /// <summary>A Global Digital Compact objective ("3"), in a forum that uses the Compact.</summary>
    public string? Gdc { get; private init; }

    /// <summary>A WSIS action line ("C5"), in a forum that uses them.</summary>
    public string? Wsis { get; private init; }
    public Rooms.Room? Room { get; private init; }
    public string? Text { get; private init; }

    /// <summary>The zone times are shown in: the forum's unless the reader picked another.</summary>
    public ForumClock Clock { get; private init; } = null!;
    public string? TimeZone { get; private init; }

    public IReadOnlyList<FilterError> Errors { get; private init; } = [];
    public bool IsValid => Errors.Count == 0;
    public bool Narrows => Day is not null || Type is not null || Subtheme is not null || Sdg is not null || Gdc is not null || Wsis is not null || Room is not null || Text is not null;

    public static SessionFilter Parse(IQueryCollection query, Forum forum)
    {
        var errors = new List<FilterError>();

        string? Single(string key)
        {
            var values = query.TryGetValue(key, out var v) ? v : StringValues.Empty;
            if (values.Count > 1)
            {
                errors.Add(new FilterError(key, "Give only one value for this filter."));
                return null;
            }
            var value = values.ToString().Trim();
            return value.Length == 0 ? null : value;
        }

        DateOnly? day = null;
        if (Single("day") is { } dayText)
        {
            if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                errors.Add(new FilterError("day", "Enter a day as YYYY-MM-DD, for example {0}.", forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
            else if (parsed < forum.FirstDay || parsed > forum.LastDay)
            {
                errors.Add(new FilterError("day", "The forum runs from {0} to {1}.",
                    forum.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), forum.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
            else
            {
                day = parsed;
            }
        }

        SessionType? type = null;
        if (Single("type") is { } typeCode)
        {
            type = forum.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, typeCode, StringComparison.OrdinalIgnoreCase));
            if (type is null)
            {
                errors.Add(new FilterError("type", "There is no session type “{0}” in this forum. Choose one of: {1}.",
                    Shorten(typeCode), forum.SessionTypes.Select(t => t.Code).ToArray()));
            }
        }

        Subtheme? subtheme = null;
        if (Single("subtheme") is { } subthemeSlug)
        {
            subtheme = forum.Subthemes.FirstOrDefault(s => string.Equals(s.Slug, subthemeSlug, StringComparison.OrdinalIgnoreCase));
            if (subtheme is null)
            {
                errors.Add(new FilterError("subtheme", "There is no subtheme “{0}” in this forum.", Shorten(subthemeSlug)));
            }
        }

        int? sdg = null;
        if (Single("sdg") is { } sdgText)
        {
            if (int.TryParse(sdgText, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && goal is >= 1 and <= 17)
            {
                sdg = goal;
            }
            else
            {
                errors.Add(new FilterError("sdg", "“{0}” is not a Sustainable Development Goal. Choose a goal from 1 to 17.", Shorten(sdgText)));
            }
        }

        string? Framework(Frameworks.Framework framework)
        {
            var key = Frameworks.FrameworkCatalogue.SlugOf(framework);
            if (Single(key) is not { } code)
            {
                return null;
            }
            if (!forum.Uses(framework))
            {
                errors.Add(framework == Frameworks.Framework.Gdc
                    ? new FilterError(key, "This forum does not link its sessions to the Global Digital Compact.")
                    : new FilterError(key, "This forum does not link its sessions to the WSIS action lines."));
                return null;
            }
            if (Frameworks.FrameworkCatalogue.Canonical(framework, code) is not { } found)
            {
                errors.Add(new FilterError(key, "“{0}” is not one of its codes. Choose one of: {1}.", Shorten(code), Frameworks.FrameworkCatalogue.Codes(framework).ToArray()));
                return null;
            }
            return found;
        }
        var gdc = Framework(Frameworks.Framework.Gdc);
        var wsis = Framework(Frameworks.Framework.Wsis);

        Rooms.Room? room = null;
        if (Single("room") is { } roomText)
        {
            room = int.TryParse(roomText, NumberStyles.None, CultureInfo.InvariantCulture, out var roomId)
                ? forum.Rooms.FirstOrDefault(r => r.Id == roomId)
                : null;
            if (room is null)
            {
                errors.Add(new FilterError("room", "There is no room “{0}” in this forum.", Shorten(roomText)));
            }
        }

        var text = Single("q");
        if (text is { Length: > MaxTextLength })
        {
            errors.Add(new FilterError("q", "Search for at most {0} characters.", MaxTextLength));
            text = null;
        }

        var clock = ForumClock.For(forum.TimeZoneId);
        var zone = Single("tz");
        if (zone is not null)
        {
            if (ForumClock.TryCreate(zone, out var chosen))
            {
                clock = chosen;
            }
            else
            {
                errors.Add(new FilterError("tz", "“{0}” is not a time zone. Use a name such as Africa/Addis_Ababa, Europe/Paris or UTC.", Shorten(zone)));
                zone = null;
            }
        }

        return new SessionFilter
        {
            Day = day, Type = type, Subtheme = subtheme, Sdg = sdg, Gdc = gdc, Wsis = wsis, Room = room, Text = text,
            Clock = clock, TimeZone = zone, Errors = errors,
        };
    }

    /// <summary>Echoing a value in a message is useful; echoing ten thousand characters of it is not.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    public Dictionary<string, string[]> ToValidationErrors() =>
        Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.English).ToArray());

    /// <summary>This filter's query string with some keys changed (null removes a key), for links that narrow or widen.</summary>
    public string QueryWith(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["day"] = Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["type"] = Type?.Code,
            ["subtheme"] = Subtheme?.Slug,
            ["sdg"] = Sdg?.ToString(CultureInfo.InvariantCulture),
            ["gdc"] = Gdc,
            ["wsis"] = Wsis,
            ["room"] = Room?.Id.ToString(CultureInfo.InvariantCulture),
            ["q"] = Text,
            ["tz"] = TimeZone,
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }
        var builder = new StringBuilder();
        foreach (var key in Keys)
        {
            if (values[key] is { Length: > 0 } value)
            {
                builder.Append(builder.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
        return builder.ToString();
    }
}
