using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;

namespace Plenary.Features.Queue;

/// <summary>
/// After the session: who spoke from the queue, onsite or online, for how long, and the aggregate figures by stakeholder
/// group and gender, as a draft of the participation figures for the session's report.
/// </summary>
[SessionPolicy(Policies.SeeQueueRecord)]
public sealed class QueueRecordModel(PlenaryDb db) : QueuePageModel(db)
{
    public List<Hand> Spoken { get; private set; } = [];
    public ParticipationFigures Figures { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string forum, string key)
    {
        Spoken = await Db.Hands.Where(h => h.SessionId == Session.Id && h.State == HandState.Spoke).OrderBy(h => h.FloorAt).ToListAsync(Cancel);
        Figures = await SpeakingQueue.FiguresAsync(Db, Session.Id, Cancel);
        return Page();
    }
}
