using Plenary.Features.Forums;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Programme;

/// <summary>What the session list partial needs: the entries and the zone to show their times in.</summary>
public sealed record SessionListView(Forum Forum, IReadOnlyList<ProgrammeEntry> Entries, ForumClock Clock)
{
    /// <summary>For signed-in readers: a slot for each session's agenda button, which the page fills for each reader
    /// (see <see cref="Kernel.Caching.SharedParts"/>), so the list itself can be the same for all. Visitors get no buttons.</summary>
    public bool AgendaSlots { get; init; }
}
