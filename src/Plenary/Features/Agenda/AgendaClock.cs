using Plenary.Infrastructure.Web;

namespace Plenary.Features.Agenda;

public static class AgendaClock
{
    /// <summary>
    /// The clock for a person's choice. "Own" without a valid zone in the profile falls back to the forum's, and the
    /// page says so, rather than guessing from the browser (which needs JavaScript).
    /// </summary>
    public static ForumClock For(AgendaZone zone, string forumZone, string? ownZone) => zone switch
    {
        AgendaZone.Utc => ForumClock.For("UTC"),
        AgendaZone.Own when ForumClock.TryCreate(ownZone, out var own) => own,
        _ => ForumClock.For(forumZone),
    };
}
