using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Programme;

/// <summary>One line of the programme: what a reader needs to choose a session, and nothing more.</summary>
public sealed record ProgrammeEntry
{
    public int Id { get; init; }
    public required string TypeCode { get; init; }
    public required string TypeName { get; init; }
    public required string NumberLabel { get; init; }
    public int Number { get; init; }
    public bool HasNumber { get; init; } = true;
    public required string Title { get; init; }
    public SessionFormat Format { get; init; }
    public string? FormatLine { get; init; }
    public RoomLayout? Layout { get; init; }
    public DateOnly? Day { get; init; }
    public int LengthMinutes { get; init; }
    public DateTime? StartsAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public int? RoomId { get; init; }
    public string? RoomName { get; init; }
    public int? SubthemeId { get; init; }
    public string? SubthemeSlug { get; init; }
    public string? SubthemeName { get; init; }
    public SessionStatus Status { get; init; }
    public required List<int> Sdgs { get; init; }

    /// <summary>Global Digital Compact objectives and WSIS action lines, by code.</summary>
    public List<string> Gdc { get; init; } = [];
    public List<string> Wsis { get; init; } = [];
    public int OnsiteSpeakers { get; init; }
    public int OnlineSpeakers { get; init; }

    public string Key => SessionKey.Format(TypeCode, Number);
    public string NumberedName => HasNumber ? $"{NumberLabel} #{Number.ToString(CultureInfo.InvariantCulture)}" : TypeName;
}

public static class ProgrammeQuery
{
    /// <summary>The forum's sessions that pass the filter, in timetable order; unscheduled sessions last.</summary>
    public static async Task<List<ProgrammeEntry>> LoadAsync(PlenaryDb db, Forums.Forum forum, SessionFilter filter, CancellationToken cancellationToken = default)
    {
        // After the forum's first release the public sees released placements: the room and day filters then apply to
        // those, in memory, rather than to the working copy in the database.
        var published = await Releases.PublishedTimetable.LoadAsync(db, forum.Id, cancellationToken);
        var released = published.Release is not null;
        var sessions = db.Sessions.Where(s => s.ForumId == forum.Id);
        if (filter.Type is { } type)
        {
            sessions = sessions.Where(s => s.TypeId == type.Id);
        }
        if (filter.Subtheme is { } subtheme)
        {
            sessions = sessions.Where(s => s.SubthemeId == subtheme.Id);
        }
        if (filter.Room is { } room && !released)
        {
            sessions = sessions.Where(s => s.RoomId == room.Id);
        }
        if (filter.Sdg is { } goal)
        {
            sessions = sessions.Where(s => s.Sdgs.Any(g => g.Goal == goal));
        }
        if (filter.Gdc is { } objective)
        {
            sessions = sessions.Where(s => s.FrameworkLinks.Any(l => l.Framework == Frameworks.Framework.Gdc && l.Code == objective));
        }
        if (filter.Wsis is { } line)
        {
            sessions = sessions.Where(s => s.FrameworkLinks.Any(l => l.Framework == Frameworks.Framework.Wsis && l.Code == line));
        }
        var dayBounds = filter.Day is { } day ? Infrastructure.Web.ForumClock.For(forum.TimeZoneId).DayBounds(day) : ((DateTime, DateTime)?)null;
        if (dayBounds is var (start, end) && !released)
        {
            // The day is the forum's local day, whatever zone the reader shows times in.
            sessions = sessions.Where(s => s.StartsAt >= start && s.StartsAt < end);
        }
        if (filter.Text is { } text)
        {
            var matching = await SearchAsync(db, sessions, text, cancellationToken);
            sessions = sessions.Where(s => matching.Contains(s.Id));
        }

        var entries = await sessions
            .Select(s => new ProgrammeEntry
            {
                Id = s.Id,
                TypeCode = s.Type.Code,
                TypeName = s.Type.Name,
                NumberLabel = s.Type.NumberLabel,
                Number = s.Number,
                HasNumber = s.HasNumber,
                Title = s.Title,
                Format = s.Format,
                FormatLine = s.FormatLine,
                Layout = s.Layout,
                Day = s.Day,
                LengthMinutes = s.LengthMinutes,
                StartsAt = s.StartsAt,
                EndsAt = s.EndsAt,
                RoomId = s.RoomId,
                RoomName = s.Room != null ? s.Room.Name : null,
                SubthemeId = s.SubthemeId,
                SubthemeSlug = s.Subtheme != null ? s.Subtheme.Slug : null,
                SubthemeName = s.Subtheme != null ? s.Subtheme.Name : null,
                Status = s.Status,
                Sdgs = s.Sdgs.OrderBy(g => g.Goal).Select(g => g.Goal).ToList(),
                Gdc = s.FrameworkLinks.Where(l => l.Framework == Frameworks.Framework.Gdc).Select(l => l.Code).ToList(),
                Wsis = s.FrameworkLinks.Where(l => l.Framework == Frameworks.Framework.Wsis).Select(l => l.Code).ToList(),
                OnsiteSpeakers = s.Roles.Count(r => r.Kind == SessionRoleKind.Speaker && r.Mode == ParticipationMode.Onsite),
                OnlineSpeakers = s.Roles.Count(r => r.Kind == SessionRoleKind.Speaker && r.Mode == ParticipationMode.Online),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        if (released)
        {
            var rooms = forum.Rooms.ToDictionary(r => r.Id, r => r.Name);
            entries = entries
                .Select(e => published.Of(e.Id, e.StartsAt, e.EndsAt, e.RoomId, e.Status, 0) is { } p
                    ? e with { StartsAt = p.StartsAt, EndsAt = p.EndsAt, RoomId = p.RoomId, RoomName = p.RoomId is { } r ? rooms.GetValueOrDefault(r) : null, Status = p.Status }
                    : null)
                .OfType<ProgrammeEntry>()
                .Where(e => filter.Room is null || e.RoomId == filter.Room.Id)
                .Where(e => dayBounds is not var (from, to) || (e.StartsAt >= from && e.StartsAt < to))
                .ToList();
        }
        var roomOrder = forum.Rooms.ToDictionary(r => r.Id, r => r.Position);
        return entries
            .OrderBy(e => e.StartsAt is null)
            .ThenBy(e => e.StartsAt)
            .ThenBy(e => e.RoomId is { } id ? roomOrder.GetValueOrDefault(id) : int.MaxValue)
            .ThenBy(e => e.TypeCode, StringComparer.Ordinal)
            .ThenBy(e => e.Number)
            .ToList();
    }

    /// <summary>
    /// Free-text search over titles, descriptions, policy questions, tags, people's names and transcripts. Done in memory
    /// because neither SQLite's LIKE nor PostgreSQL's ILIKE ignores accents, and "Genève" should find "Geneve".
    /// A forum has hundreds of sessions, not millions.
    /// </summary>
    private static async Task<HashSet<int>> SearchAsync(PlenaryDb db, IQueryable<Session> sessions, string text, CancellationToken cancellationToken)
    {
        var documents = await sessions
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.Description,
                s.Approach,
                Tags = s.Tags.Select(t => t.Tag).ToList(),
                People = s.Roles.Select(r => r.Person != null ? r.Person.Name : r.Organisation!.Name).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        bool Has(string? field, string word) => field is not null && compare.IndexOf(field, word, options) >= 0;
        // Transcripts are long (a session's captions run to tens of thousands of words), so the database looks through
        // them, one query per word, ignoring case but not accents; only the matching sessions' ids come back.
        var ids = documents.Select(d => d.Id).ToList();
        var inTranscripts = new Dictionary<string, HashSet<int>>();
        foreach (var word in words.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var lower = word.ToLowerInvariant();
            inTranscripts[word] = (await db.Transcripts.Where(t => ids.Contains(t.SessionId) && t.SearchText.ToLower().Contains(lower))
                .Select(t => t.SessionId).ToListAsync(cancellationToken)).ToHashSet();
        }
        return documents
            .Where(d => words.All(w => Has(d.Title, w) || Has(d.Description, w) || Has(d.Approach, w)
                || d.Tags.Any(t => Has(t, w)) || d.People.Any(p => Has(p, w))
                || inTranscripts.First(x => string.Equals(x.Key, w, StringComparison.OrdinalIgnoreCase)).Value.Contains(d.Id)))
            .Select(d => d.Id)
            .ToHashSet();
    }
}
