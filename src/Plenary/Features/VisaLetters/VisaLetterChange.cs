using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Features.Manage;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.VisaLetters;

/// <summary>The visa desk's queue as filtered: by state, passport country and days waiting, oldest first.</summary>
public sealed record VisaFilter(VisaRequestStatus? Status, string? Nationality, int? MinDays);

/// <summary>A request as the visa desk sees it, passport opened.</summary>
public sealed record VisaRow(int Id, string Email, VisaRequestStatus Status, string Nationality, string ConsulateCity, string ConsulateCountry,
    PassportDetails? Passport, DateTime RequestedAt, int DaysWaiting, string? RefusalReason, string? LetterCode);

/// <summary>What the public verification page may say about a letter.</summary>
public sealed record VisaVerification(string ForumName, VisaRequestStatus Status, DateTime IssuedAt, string? PassportName, string? NumberEnd);

/// <summary>
/// Invitation letters for visas: the registrant's request, the visa desk's decisions, the letters and their
/// verification, and the deletion of passport data. Every opening of a passport is written to the audit log, with
/// which requests were read and by whom; the log never holds the passport fields themselves.
/// </summary>
public sealed class VisaLetterChange(PlenaryDb db, PassportSeal seal, Mailer mailer, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int PageSize = 200;

    public async Task<VisaLetterSettings> SettingsAsync(int forumId, CancellationToken cancel) =>
        await db.VisaLetterSettings.AsTracking().FirstOrDefaultAsync(s => s.ForumId == forumId, cancel) ?? new VisaLetterSettings { ForumId = forumId };

    public Task<VisaRequest?> OfAsync(int forumId, int accountId, CancellationToken cancel) =>
        db.VisaRequests.AsTracking().FirstOrDefaultAsync(r => r.ForumId == forumId && r.AccountId == accountId, cancel);

    /// <summary>Requests are taken until the forum's first day begins in its own time zone: a letter after that is too late for any visa.</summary>
    public bool Open(Forum forum) => clock.GetUtcNow().UtcDateTime < ForumClock.For(forum.TimeZoneId).DayBounds(forum.FirstDay).Start;

    /// <summary>
    /// Records or changes the request of a registration, saved with the caller's next SaveChanges. The form is checked
    /// already. A refused request asked again goes back to the queue; an issued letter is not changed from here.
    /// </summary>
    public string? Apply(Forum forum, Registration registration, VisaRequest? existing, VisaLetterForm form, ClaimsPrincipal user)
    {
        if (!Open(forum))
        {
            return L["Invitation letters are no longer requested here: {0} has started. Write to the Secretariat.", forum.Name];
        }
        if (registration.Mode != AttendanceMode.Onsite)
        {
            return L["An invitation letter is for those who come to the venue: register to take part onsite."];
        }
        if (existing is { Status: VisaRequestStatus.Approved or VisaRequestStatus.Revoked })
        {
            return L["Your letter is already issued. To change it, write to the Secretariat."];
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var request = existing ?? db.VisaRequests.Add(new VisaRequest
        {
            ForumId = forum.Id, RegistrationId = registration.Id, AccountId = registration.AccountId, Nationality = "", ConsulateCity = "", ConsulateCountry = "",
            Language = CultureInfo.CurrentUICulture.Name,
        }).Entity;
        request.Nationality = form.Nationality!.Trim().ToUpperInvariant();
        request.ConsulateCity = form.ConsulateCity!.Trim();
        request.ConsulateCountry = form.ConsulateCountry!.Trim().ToUpperInvariant();
        request.SealedPassport = seal.Seal(form.Passport());
        request.PassportDeletedAt = null;
        (request.Status, request.RefusalReason, request.DecidedAt, request.DecidedBy, request.RequestedAt) = (VisaRequestStatus.Waiting, null, null, null, now);
        request.Language = CultureInfo.CurrentUICulture.Name;
        // The log says that a request was made and where to, never what the passport says.
        db.Record(user, clock, forum.Id, existing is null ? "visa.request" : "visa.request.change", $"R{registration.Id}", null,
            new { request.Nationality, request.ConsulateCity, request.ConsulateCountry });
        return null;
    }

    /// <summary>A registrant's request from their letter page: checked, applied and saved. The problems by field, or none.</summary>
    public async Task<Refusal?> RequestAsync(Forum forum, Registration registration, VisaLetterForm form, FluentValidation.IValidator<VisaLetterForm> validator,
        ClaimsPrincipal user, CancellationToken cancel)
    {
        form.Wanted = true;
        if (await validator.CheckAsync(form, forum, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var existing = await OfAsync(forum.Id, registration.AccountId, cancel);
        if (Apply(forum, registration, existing, form, user) is { } problem)
        {
            return Refusal.Of("", problem).WithStatus(StatusCodes.Status409Conflict);
        }
        await db.SaveChangesAsync(cancel);
        return null;
    }

    private IQueryable<VisaRequest> Filtered(Forum forum, VisaFilter filter)
    {
        var requests = db.VisaRequests.Where(r => r.ForumId == forum.Id);
        if (filter.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.Nationality))
        {
            var code = filter.Nationality.Trim().ToUpperInvariant();
            requests = requests.Where(r => r.Nationality == code);
        }
        if (filter.MinDays is > 0 and var days)
        {
            var before = clock.GetUtcNow().UtcDateTime.AddDays(-days);
            requests = requests.Where(r => r.RequestedAt <= before);
        }
        return requests;
    }

    public async Task<Dictionary<VisaRequestStatus, int>> CountsAsync(Forum forum, CancellationToken cancel) =>
        await db.VisaRequests.Where(r => r.ForumId == forum.Id).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancel);

    public async Task<List<string>> NationalitiesAsync(Forum forum, CancellationToken cancel) =>
        await db.VisaRequests.Where(r => r.ForumId == forum.Id).Select(r => r.Nationality).Distinct().OrderBy(n => n).ToListAsync(cancel);

    /// <summary>
    /// The queue, oldest first, passports opened: a reading, logged with the requests it showed. <paramref name="limit"/>
    /// keeps a page light; the CSV takes them all.
    /// </summary>
    public async Task<List<VisaRow>> ReadAsync(Forum forum, VisaFilter filter, ClaimsPrincipal user, string action, int limit, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from r in Filtered(forum, filter)
                          join a in db.Users on r.AccountId equals a.Id
                          orderby r.RequestedAt, r.Id
                          select new { r, a.Email }).Take(limit).ToListAsync(cancel);
        if (rows.Count > 0)
        {
            db.Record(user, clock, forum.Id, action, $"{rows.Count} requests", null, new { Requests = rows.Select(x => x.r.Id).ToList(), Filter = filter });
            await db.SaveChangesAsync(cancel);
        }
        return rows.Select(x => new VisaRow(x.r.Id, x.Email!, x.r.Status, x.r.Nationality, x.r.ConsulateCity, x.r.ConsulateCountry, seal.Open(x.r.SealedPassport),
            x.r.RequestedAt, (int)Math.Floor((now - x.r.RequestedAt).TotalDays), x.r.RefusalReason, x.r.LetterCode)).ToList();
    }

    /// <summary>The queue as a spreadsheet, every request the filter keeps (a reading like the page, logged the same way).</summary>
    public async Task<byte[]> CsvAsync(Forum forum, VisaFilter filter, ClaimsPrincipal user, CancellationToken cancel)
    {
        var rows = await ReadAsync(forum, filter, user, "visa.read.csv", int.MaxValue, cancel);
        string[] columns = ["id", "status", "days_waiting", "requested_at", "email", "passport_name", "nationality", "passport_number", "birth_date",
            "consulate_city", "consulate_country", "letter", "refusal_reason"];
        return CsvFiles.Write(columns, rows.Select(r => (IReadOnlyList<string?>)[
            r.Id.ToString(CultureInfo.InvariantCulture), r.Status.ToString(), r.DaysWaiting.ToString(CultureInfo.InvariantCulture),
            r.RequestedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.Email, r.Passport?.Name, r.Nationality, r.Passport?.Number,
            r.Passport?.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.ConsulateCity, r.ConsulateCountry, r.LetterCode, r.RefusalReason]));
    }

    /// <summary>
    /// Approves (the letter is issued at once) or refuses, with a reason the registrant reads, any number of waiting
    /// requests in one go: a desk answers a day's requests in a few clicks. Null when done, else the problem.
    /// </summary>
    public async Task<string?> DecideAsync(Forum forum, IReadOnlyCollection<int> ids, bool approve, string? reason, ClaimsPrincipal user, CancellationToken cancel)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (ids.Count == 0)
        {
            return L["Tick the requests to answer first."];
        }
        if (!approve && reason is null)
        {
            return L["Give the reason for refusing: the person reads it."];
        }
        if (reason is { Length: > VisaRequest.MaxReason })
        {
            return Rules.TooLong(L, VisaRequest.MaxReason);
        }
        var requests = await db.VisaRequests.AsTracking().Where(r => r.ForumId == forum.Id && ids.Contains(r.Id) && r.Status == VisaRequestStatus.Waiting).ToListAsync(cancel);
        if (requests.Count == 0)
        {
            return L["None of these requests is waiting any more."];
        }
        var accounts = await db.Users.Where(a => requests.Select(r => r.AccountId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var request in requests)
        {
            (request.Status, request.DecidedAt, request.DecidedBy) = (approve ? VisaRequestStatus.Approved : VisaRequestStatus.Refused, now, user.AccountId());
            request.RefusalReason = approve ? null : reason;
            request.LetterCode = approve ? VisaRequest.NewLetterCode() : null;
            db.Record(user, clock, forum.Id, approve ? "visa.approve" : "visa.refuse", $"R{request.RegistrationId}", null, new { Status = request.Status.ToString(), request.RefusalReason, request.LetterCode });
            var account = accounts[request.AccountId];
            QueueMail(forum, request, account.Email!, account.PreferredLanguage);
        }
        await db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return null;
    }

    /// <summary>Withdraws an issued letter: its verification page then says it is revoked.</summary>
    public async Task<string?> RevokeAsync(Forum forum, int id, ClaimsPrincipal user, CancellationToken cancel)
    {
        var request = await db.VisaRequests.AsTracking().FirstOrDefaultAsync(r => r.ForumId == forum.Id && r.Id == id && r.Status == VisaRequestStatus.Approved, cancel);
        if (request is null)
        {
            return L["Only an issued letter can be revoked."];
        }
        (request.Status, request.DecidedAt, request.DecidedBy) = (VisaRequestStatus.Revoked, clock.GetUtcNow().UtcDateTime, user.AccountId());
        db.Record(user, clock, forum.Id, "visa.revoke", $"R{request.RegistrationId}", null, new { request.LetterCode });
        await db.SaveChangesAsync(cancel);
        return null;
    }

    /// <summary>The letter's PDF, for its registrant or the visa desk; a reading of the passport, logged. Null when no letter is issued or its data is deleted.</summary>
    public async Task<byte[]?> LetterAsync(Forum forum, VisaRequest request, ClaimsPrincipal user, string site, CancellationToken cancel)
    {
        if (request.Status != VisaRequestStatus.Approved || seal.Open(request.SealedPassport) is not { } passport)
        {
            return null;
        }
        var settings = await SettingsAsync(forum.Id, cancel);
        var pdf = VisaLetterPdf.Write(forum, settings, request, passport, site + VisaLetterLinks.Verify(forum.Slug, request.LetterCode!), L);
        db.Record(user, clock, forum.Id, "visa.read.letter", $"R{request.RegistrationId}", null, new { request.LetterCode });
        await db.SaveChangesAsync(cancel);
        return pdf;
    }

    /// <summary>
    /// What a consulate checking a letter learns. The letter is in the applicant's hands and the consulate holds the
    /// passport, so the page gives only what matches one to the other, the name and the last four characters of the
    /// passport number, and never the full number, the date of birth or the e-mail; nor can anyone without the code's
    /// 80 random bits find a letter. Null when no letter has this code.
    /// </summary>
    public async Task<VisaVerification?> VerifyAsync(Forum forum, string code, ClaimsPrincipal user, CancellationToken cancel)
    {
        code = code.Trim().ToUpperInvariant();
        var request = await db.VisaRequests.FirstOrDefaultAsync(r => r.ForumId == forum.Id && r.LetterCode == code, cancel);
        if (request is null || request.DecidedAt is null)
        {
            return null;
        }
        var passport = seal.Open(request.SealedPassport);
        if (passport is not null)
        {
            db.Record(user, clock, forum.Id, "visa.read.verify", $"R{request.RegistrationId}", null, new { request.LetterCode });
            await db.SaveChangesAsync(cancel);
        }
        return new VisaVerification(forum.Name, request.Status, request.DecidedAt.Value, passport?.Name, passport?.NumberEnd);
    }

    private void QueueMail(Forum forum, VisaRequest request, string email, string language)
    {
        mailer.Queue(email, language, "visa-letter", l =>
        {
            List<string> paragraphs = [l["Hello,"]];
            if (request.Status == VisaRequestStatus.Approved)
            {
                paragraphs.Add(l["Your invitation letter for {0} is issued. Download it from your letter page and present it with your visa application.", forum.Name]);
                paragraphs.Add(l["Its reference is {0}; the consulate can check it at the address printed on the letter.", request.LetterCode!]);
            }
            else
            {
                paragraphs.Add(l["Your request for an invitation letter for {0} was refused.", forum.Name]);
                paragraphs.Add(l["Reason: {0}", request.RefusalReason ?? ""]);
            }
            return new MailContent(l["Your invitation letter for {0}", forum.Name], paragraphs, l["See your invitation letter"], VisaLetterLinks.Request(forum.Slug));
        });
    }
}
