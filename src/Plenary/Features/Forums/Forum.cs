namespace Plenary.Features.Forums;

/// <summary>One edition of a forum, such as "IGF 2022". Dates are local to <see cref="TimeZoneId"/>.</summary>
public sealed class Forum
{
    public int Id { get; set; }

    /// <summary>The URL name, e.g. "igf2022".</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
    public required string HostCity { get; set; }
    public required string Venue { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code of the host country.</summary>
    public string? CountryCode { get; set; }

    /// <summary>IANA time zone, e.g. "Africa/Addis_Ababa".</summary>
    public required string TimeZoneId { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }

    /// <summary>The overarching theme, plain text.</summary>
    public required string Theme { get; set; }

    /// <summary>Markdown.</summary>
    public string? Description { get; set; }

    /// <summary>BCP 47 codes of the languages the forum offers (interpretation, captioning).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Demo content is invented and labelled as such on every page.</summary>
    public bool IsDemo { get; set; }

    public List<Subtheme> Subthemes { get; set; } = [];
    public List<SessionType> SessionTypes { get; set; } = [];
    public List<Rooms.Room> Rooms { get; set; } = [];

    public IEnumerable<DateOnly> Days()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}

/// <summary>A track of the forum's programme, such as "Connecting All People and Safeguarding Human Rights".</summary>
public sealed class Subtheme
{
    public int Id { get; set; }
    public int ForumId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}

/// <summary>
/// A kind of session the forum runs, configured per forum. Sessions are numbered within their type and shown
/// the IGF way: <see cref="NumberLabel"/> "Open Forum" gives "Open Forum #56", "WS" gives "WS #175".
/// </summary>
public sealed class SessionType
{
    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>Short code, unique in the forum, used in URLs: "WS", "OF", "TH", "LT", "NS", "DAY0".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NumberLabel { get; set; }
    public int DefaultLengthMinutes { get; set; }
    public int Position { get; set; }

    public string Numbered(int number) => $"{NumberLabel} #{number}";
}
