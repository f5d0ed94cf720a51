using Plenary.Features.Forums;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Programme;

/// <summary>What the session list partial needs: the entries and the zone to show their times in.</summary>
public sealed record SessionListView(Forum Forum, IReadOnlyList<ProgrammeEntry> Entries, ForumClock Clock)
{
    /// <summary>For signed-in readers: the sessions in their agenda, and where the agenda buttons come back to. Null for visitors: no buttons.</summary>
    public HashSet<int>? Saved { get; init; }
    public string? ReturnUrl { get; init; }
}
