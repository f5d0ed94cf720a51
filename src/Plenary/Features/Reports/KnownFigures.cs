using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Features.Queue;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reports;

/// <summary>
/// What Plenary itself knows of a session's attendance, offered to its writers as a draft of the report's figures:
/// arrivals checked in at the session's room while it ran (from a quarter of an hour before), the share of women and
/// gender-diverse people among those arrivals who declared a gender at registration, and the speaking queue's record.
/// Online joins are not recorded (join links are opened on the meeting platform), so the online count stays the writer's.
/// </summary>
public sealed record KnownFigures(int? OnsiteArrivals, int? WomenPercent, int DeclaredGender, ParticipationFigures Queue)
{
    public static readonly TimeSpan ArrivalsFrom = TimeSpan.FromMinutes(15);

    public bool Any => OnsiteArrivals > 0 || Queue.Interventions > 0;

    public static async Task<KnownFigures> LoadAsync(PlenaryDb db, Session session, CancellationToken cancel)
    {
        int? arrivals = null;
        int? percent = null;
        var declared = 0;
        if (session is { RoomId: { } room, StartsAt: { } start, EndsAt: { } end })
        {
            var since = start - ArrivalsFrom;
            var genders = await (from c in db.CheckIns
                                 join r in db.Registrations on c.RegistrationId equals r.Id
                                 where c.ForumId == session.ForumId && c.RoomId == room && c.At >= since && c.At <= end
                                 select new { c.RegistrationId, r.Gender }).Distinct().ToListAsync(cancel);
            arrivals = genders.Select(g => g.RegistrationId).Distinct().Count();
            var known = genders.Where(g => g.Gender is Gender.Woman or Gender.Man or Gender.NonBinaryOrGenderDiverse).ToList();
            declared = known.Count;
            if (declared > 0)
            {
                percent = (int)Math.Round(100.0 * known.Count(g => g.Gender is Gender.Woman or Gender.NonBinaryOrGenderDiverse) / declared, MidpointRounding.AwayFromZero);
            }
        }
        return new KnownFigures(arrivals, percent, declared, await SpeakingQueue.FiguresAsync(db, session.Id, cancel));
    }

    /// <summary>Fills the form's empty figure fields; a figure the writer typed is never replaced. Returns the fields filled.</summary>
    public List<string> FillEmpty(ReportForm form)
    {
        var filled = new List<string>();
        string? Fill(string? current, int? value, string field)
        {
            if (!string.IsNullOrWhiteSpace(current) || value is not { } v)
            {
                return current;
            }
            filled.Add(field);
            return v.ToString(CultureInfo.InvariantCulture);
        }
        form.Onsite = Fill(form.Onsite, OnsiteArrivals > 0 ? OnsiteArrivals : null, "onsite");
        form.Participants = Fill(form.Participants, OnsiteArrivals > 0 ? OnsiteArrivals : null, "participants");
        form.WomenPercent = Fill(form.WomenPercent, WomenPercent, "women-percent");
        return filled;
    }
}
