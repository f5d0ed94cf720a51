using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Registrations;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Certificates;

/// <summary>
/// Issuing and revoking certificates of attendance: on the participant's own request once their attendance is on record,
/// or by the Secretariat by hand, with a reason; every issue and revocation is in the audit log.
/// </summary>
public sealed class CertificateChange(PlenaryDb db, Attendance attendance, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>The participant's certificate, or why there is none (Problem), for their page and their PDF alike.</summary>
    public sealed record Mine(Registration? Registration, Certificate? Certificate, string? Problem);

    /// <summary>
    /// The signed-in person's certificate for the forum, issued now if their attendance is on record and none was issued
    /// yet. A revoked certificate is not issued again: the Secretariat decided, and only it can issue a new one.
    /// </summary>
    public async Task<Mine> OfAsync(Forum forum, ClaimsPrincipal user, bool issue, CancellationToken cancel)
    {
        var account = user.AccountId() ?? 0;
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.ForumId == forum.Id && r.AccountId == account, cancel);
        if (registration is null || registration.Status != RegistrationStatus.Approved)
        {
            return new Mine(registration, null, L["A certificate of attendance is for registered participants whose registration is approved."]);
        }
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.RegistrationId == registration.Id, cancel);
        if (certificate is { IsRevoked: true })
        {
            return new Mine(registration, certificate, L["Your certificate was revoked by the Secretariat: {0}", certificate.RevokedReason ?? ""]);
        }
        if (certificate is not null)
        {
            return new Mine(registration, certificate, null);
        }
        if (!await attendance.AttendedAnyAsync(registration.Id, cancel))
        {
            return new Mine(registration, null, registration.Mode == AttendanceMode.Onsite
                ? L["Your certificate becomes available once you are checked in at the venue."]
                : L["Your certificate becomes available once your presence online is recorded: open a session's live page while it is on."]);
        }
        if (!issue)
        {
            return new Mine(registration, null, null);
        }
        var issued = await IssueAsync(forum, registration, null, user, cancel);
        return new Mine(registration, issued, null);
    }

    /// <summary>The Secretariat issues a certificate by hand, for instance when presence was not captured. Null when done, else the problem.</summary>
    public async Task<string?> IssueByHandAsync(Forum forum, string? email, string? note, ClaimsPrincipal user, CancellationToken cancel)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is null)
        {
            return L["Say why the certificate is issued by hand: the audit log keeps it."];
        }
        if (note.Length > Certificate.MaxText)
        {
            return Kernel.Validation.Rules.TooLong(L, Certificate.MaxText);
        }
        var normal = (email ?? "").Trim().ToUpperInvariant();
        var registration = normal.Length == 0 ? null : await (from r in db.Registrations
                                                              join a in db.Users on r.AccountId equals a.Id
                                                              where r.ForumId == forum.Id && a.NormalizedEmail == normal
                                                              select r).FirstOrDefaultAsync(cancel);
        if (registration is null)
        {
            return L["No registration for this forum has the e-mail address {0}.", email?.Trim() ?? ""];
        }
        if (registration.Status != RegistrationStatus.Approved)
        {
            return L["The registration of {0} is not approved.", email!.Trim()];
        }
        var existing = await db.Certificates.AsTracking().FirstOrDefaultAsync(c => c.RegistrationId == registration.Id, cancel);
        if (existing is { IsRevoked: false })
        {
            return L["{0} already has a certificate.", email!.Trim()];
        }
        if (existing is not null)
        {
            // A new code: the revoked paper stays revoked wherever it circulates.
            db.Certificates.Remove(existing);
            await db.SaveChangesAsync(cancel);
        }
        await IssueAsync(forum, registration, note, user, cancel);
        return null;
    }

    /// <summary>Revokes a certificate with a reason the verification page does not show (it only says "revoked"). Null when done, else the problem.</summary>
    public async Task<string?> RevokeAsync(Forum forum, int certificateId, string? reason, ClaimsPrincipal user, CancellationToken cancel)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null)
        {
            return L["Give the reason for revoking: the participant reads it."];
        }
        if (reason.Length > Certificate.MaxText)
        {
            return Kernel.Validation.Rules.TooLong(L, Certificate.MaxText);
        }
        var certificate = await db.Certificates.AsTracking().FirstOrDefaultAsync(c => c.Id == certificateId && c.ForumId == forum.Id, cancel);
        if (certificate is null)
        {
            return L["This certificate no longer exists."];
        }
        if (certificate.IsRevoked)
        {
            return L["This certificate is already revoked."];
        }
        (certificate.RevokedAt, certificate.RevokedBy, certificate.RevokedReason) = (clock.GetUtcNow().UtcDateTime, user.AccountId(), reason);
        db.Record(user, clock, forum.Id, "certificate.revoke", Subject(certificate), new { Revoked = false }, new { Revoked = true, Reason = reason });
        await db.SaveChangesAsync(cancel);
        return null;
    }

    private async Task<Certificate> IssueAsync(Forum forum, Registration registration, string? note, ClaimsPrincipal user, CancellationToken cancel)
    {
        var name = await db.People.Where(p => p.Id == registration.PersonId).Select(p => p.Honorific == null ? p.Name : p.Honorific + " " + p.Name).SingleAsync(cancel);
        var certificate = new Certificate
        {
            ForumId = forum.Id, RegistrationId = registration.Id, Code = Certificate.NewCode(), Name = name, IssuedAt = clock.GetUtcNow().UtcDateTime,
            IssuedBy = note is null ? null : user.AccountId(), Note = note,
        };
        db.Certificates.Add(certificate);
        db.Record(user, clock, forum.Id, note is null ? "certificate.issue" : "certificate.issue-by-hand", Subject(certificate), null, new { certificate.Name, Note = note });
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException) when (note is null)
        {
            // The same person's other request issued it first (a double click): that one is theirs.
            db.ChangeTracker.Clear();
            return await db.Certificates.SingleAsync(c => c.RegistrationId == registration.Id, cancel);
        }
        return certificate;
    }

    /// <summary>The log names the certificate by its registration and the start of its code: enough to find it, not enough to forge a link.</summary>
    private static string Subject(Certificate c) => $"R{c.RegistrationId} {c.Code[..6]}…";
}
