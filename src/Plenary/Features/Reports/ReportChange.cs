using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reports;

/// <summary>
/// The changes writers and the Secretariat make to a session's outputs: drafts, submissions (published at once and
/// versioned) and deadline extensions. Each lands in one SaveChanges with its audit entry.
/// </summary>
public sealed class ReportChange(PlenaryDb db, IValidator<ReportForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>More than every field at its longest: a draft beyond it was not typed into our form.</summary>
    public const int MaxDraft = 150_000;

    /// <summary>The session's reporting row; tracked, the one the changes below then write to without reading it again.</summary>
    public async Task<SessionReporting?> FindAsync(int sessionId, CancellationToken cancel, bool tracked = false)
    {
        var found = await (tracked ? db.SessionReporting.AsTracking() : db.SessionReporting).FirstOrDefaultAsync(r => r.SessionId == sessionId, cancel);
        if (tracked && found is null)
        {
            noReporting = sessionId;
        }
        return found;
    }

    /// <summary>
    /// The session whose reporting row a tracked read found missing: a session's first submission read it twice, on
    /// the page and here. Forgotten when the context is cleared, as the row may have been added since.
    /// </summary>
    private int? noReporting;

    /// <summary>Keeps everything typed, checked for nothing but its size: a draft is never refused for being unfinished.</summary>
    public async Task<string?> SaveDraftAsync(Session session, ReportForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (form.TotalLength() > MaxDraft)
        {
            return L["This draft is longer than any report can be ({0} characters at most); shorten it before saving.", MaxDraft];
        }
        var reporting = await TrackedAsync(session.Id, cancel);
        reporting.Draft = form.ToJson();
        reporting.DraftSavedAt = clock.GetUtcNow().UtcDateTime;
        reporting.DraftSavedBy = user.AccountId();
        await db.SaveChangesAsync(cancel);
        return null;
    }

    /// <summary>Publishes one part of the outputs, keeps it as a new version, and marks it late when it is; or why not by field.</summary>
    public async Task<ChangeResult<Session>> SubmitAsync(Forum forum, Session session, ReportForm form, OutputPart part, ClaimsPrincipal user, CancellationToken cancel)
    {
        // The session's speakers and moderators bound the report's figures; takeaways are checked against nothing of the
        // session's, and the page that submits them loads no roles (SessionPolicyAttribute.OutputsOnly).
        var (speakers, moderators) = part == OutputPart.Report ? await ListedAsync(session.Id, cancel) : (0, 0);
        var refusal = await validator.CheckAsync(form, new ReportForm.In(part, speakers, moderators), cancel);
        if (form.TotalLength() > MaxDraft)
        {
            refusal.Add("", L["This draft is longer than any report can be ({0} characters at most); shorten it before saving.", MaxDraft]);
        }
        if (!refusal.IsEmpty)
        {
            return refusal;
        }
        var takeaways = part == OutputPart.Takeaways ? form.ReadTakeaways() : null;
        var report = part == OutputPart.Takeaways ? null : form.ReadReport();

        var now = clock.GetUtcNow().UtcDateTime;
        var reporting = await TrackedAsync(session.Id, cancel);
        var due = ReportDeadlines.Due(forum, session, reporting, part);
        if (takeaways is not null)
        {
            db.Takeaways.RemoveRange(session.Takeaways);
            var position = 0;
            foreach (var text in takeaways.Takeaways)
            {
                db.Takeaways.Add(new Takeaway { SessionId = session.Id, Kind = TakeawayKind.KeyTakeaway, Position = ++position, Text = text });
            }
            position = 0;
            foreach (var (text, addressee) in takeaways.Actions)
            {
                db.Takeaways.Add(new Takeaway { SessionId = session.Id, Kind = TakeawayKind.CallToAction, Position = ++position, Text = text, Addressee = addressee });
            }
            if (reporting.TakeawaysSubmittedAt is null)
            {
                (reporting.TakeawaysSubmittedAt, reporting.TakeawaysDueAt) = (now, due);
            }
        }
        if (report is not null)
        {
            if (session.Report is not { } written)
            {
                written = new SessionReport { SessionId = session.Id, Body = report.Discussion, SubmittedAt = now };
                db.SessionReports.Add(written);
            }
            (written.Body, written.KeyIssues, written.Presentations, written.WayForward, written.OnsiteParticipants, written.OnlineParticipants) =
                (report.Discussion, report.KeyIssues, report.Presentations, report.WayForward, report.Onsite, report.Online);
            written.SubmittedAt ??= now;
            if (session.GenderReport is not { } gender)
            {
                gender = new GenderReport { SessionId = session.Id };
                db.GenderReports.Add(gender);
            }
            (gender.ParticipantCount, gender.WomenAndGenderDiversePercent, gender.WomenSpeakers, gender.WomenModerators, gender.GenderWasTopic, gender.Narrative) =
                (report.Participants, report.WomenPercent, report.WomenSpeakers, report.WomenModerators, report.GenderTopic, report.GenderNarrative);
            if (reporting.ReportSubmittedAt is null)
            {
                (reporting.ReportSubmittedAt, reporting.ReportDueAt) = (now, due);
            }
        }
        reporting.Draft = form.ToJson();
        reporting.DraftSavedAt = now;
        reporting.DraftSavedBy = user.AccountId();

        var (number, submittedBy) = await NextVersionAsync(session.Id, part, user, cancel);
        var content = form.Only(part).ToJson();
        db.OutputVersions.Add(new OutputVersion
        {
            SessionId = session.Id, Part = part, Number = number, SubmittedAt = now, DueAt = due, AccountId = user.AccountId(),
            SubmittedBy = submittedBy, Content = content,
        });
        db.Record(user, clock, forum.Id, part == OutputPart.Takeaways ? "report.takeaways.submit" : "report.report.submit", session.NumberedName,
            null, new { Version = number, Late = now > due, DueAt = due });
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // Two writers submitted the same part in the same instant: the version number was taken by the other.
            // Nothing of this attempt may linger in the context, or saving the draft next would try it again.
            db.ChangeTracker.Clear();
            noReporting = null;
            return Refusal.Of("", L["Someone else submitted this part at the same moment. Your text is kept below: submit it again."])
                .WithStatus(StatusCodes.Status409Conflict);
        }
        return ChangeResult<Session>.Done(session);
    }

    /// <summary>The Secretariat moves one session's deadline for one part to later; null when done, else why not.</summary>
    public async Task<string?> ExtendAsync(Forum forum, Session session, OutputPart part, DateTime dueUtc, ClaimsPrincipal user, CancellationToken cancel)
    {
        var reporting = await TrackedAsync(session.Id, cancel);
        var before = ReportDeadlines.Due(forum, session, reporting, part);
        if (before is { } current && dueUtc <= current)
        {
            var clock = ForumClock.For(forum.TimeZoneId);
            return L["The new deadline must be later than the current one ({0}).", $"{ForumClock.LongDay(clock.Day(current), System.Globalization.CultureInfo.CurrentCulture)}, {clock.Time(current)}"];
        }
        if (part == OutputPart.Takeaways)
        {
            reporting.TakeawaysExtendedTo = dueUtc;
        }
        else
        {
            reporting.ReportExtendedTo = dueUtc;
        }
        db.Record(user, clock, forum.Id, "report.deadline.extend", session.NumberedName, new { Part = part.ToString(), DueAt = before }, new { Part = part.ToString(), DueAt = dueUtc });
        await db.SaveChangesAsync(cancel);
        return null;
    }

    private async Task<SessionReporting> TrackedAsync(int sessionId, CancellationToken cancel)
    {
        // The row the page read tracked, from the context's own identity map; read here if the page did not (or the
        // context was cleared after a failed save).
        var found = db.SessionReporting.Local.FirstOrDefault(r => r.SessionId == sessionId)
            ?? (noReporting == sessionId ? null : await FindAsync(sessionId, cancel, tracked: true));
        if (found is not null)
        {
            return found;
        }
        var added = new SessionReporting { SessionId = sessionId };
        db.SessionReporting.Add(added);
        return added;
    }

    /// <summary>How many distinct people speak and moderate the session, as the report's figures are checked against.</summary>
    private async Task<(int Speakers, int Moderators)> ListedAsync(int sessionId, CancellationToken cancel)
    {
        var roles = await db.SessionRoles
            .Where(r => r.SessionId == sessionId && (r.Kind == SessionRoleKind.Speaker || r.Kind == SessionRoleKind.OnsiteModerator || r.Kind == SessionRoleKind.OnlineModerator))
            .Select(r => new { r.Kind, r.PersonId }).ToListAsync(cancel);
        return (roles.Where(r => r.Kind == SessionRoleKind.Speaker).Select(r => r.PersonId).Distinct().Count(),
            roles.Where(r => r.Kind != SessionRoleKind.Speaker).Select(r => r.PersonId).Distinct().Count());
    }

    /// <summary>The number of the part's next version and the name of who submits it, read together: one round trip.</summary>
    private async Task<(int Number, string SubmittedBy)> NextVersionAsync(int sessionId, OutputPart part, ClaimsPrincipal user, CancellationToken cancel)
    {
        var versions = db.OutputVersions.Where(v => v.SessionId == sessionId && v.Part == part);
        var id = user.AccountId();
        var read = id is null ? null : await db.Users.Where(a => a.Id == id)
            .Select(a => new { a.Person.Name, Last = versions.Max(v => (int?)v.Number) }).FirstOrDefaultAsync(cancel);
        var last = read is null ? await versions.Select(v => (int?)v.Number).MaxAsync(cancel) : read.Last;
        var name = read?.Name ?? user.FindFirstValue(ClaimTypes.Email) ?? "?";
        return (1 + last ?? 1, name.Length > OutputVersion.MaxSubmittedBy ? name[..OutputVersion.MaxSubmittedBy] : name);
    }
}
