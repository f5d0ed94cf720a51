using Plenary.Features.Forums;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Programme;

/// <summary>What the session list partial needs: the entries and the zone to show their times in.</summary>
public sealed record SessionListView(Forum Forum, IReadOnlyList<ProgrammeEntry> Entries, ForumClock Clock)
{
    /// <summary>For signed-in readers: both agenda buttons of each session, of which the reader's own stylesheet shows
    /// the right one (see <see cref="Agenda.AgendaButtons"/>), so the list itself is the same for all. Visitors get no buttons.</summary>
    public bool AgendaPairs { get; init; }
}
