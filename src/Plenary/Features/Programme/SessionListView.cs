using Plenary.Features.Forums;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Programme;

/// <summary>What the session list partial needs: the entries and the zone to show their times in.</summary>
public sealed record SessionListView(Forum Forum, IReadOnlyList<ProgrammeEntry> Entries, ForumClock Clock);
