using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Manage;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Certificates;

/// <summary>
/// The Secretariat's certificates: every one issued, filtered by state, by how it was issued and by name or e-mail; a
/// certificate issued by hand (presence not captured), a revocation with its reason, and the online platform's
/// attendance report, read line by line with every refused line named.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class ManageModel(PlenaryDb db, CertificateChange certificates, Attendance attendance, IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public const int PageSize = 200;

    public sealed record Row(int Id, string Code, string Name, string Email, DateTime IssuedAt, bool ByHand, string? Note, DateTime? RevokedAt, string? RevokedReason);

    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Eligible { get; private set; }

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? How { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>What was typed in a refused form, put back.</summary>
    public string? TypedEmail { get; private set; }
    public string? TypedNote { get; private set; }
    public int? Revoking { get; private set; }
    public string? TypedReason { get; private set; }
    public Attendance.ImportOutcome? Imported { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        Done = Request.Query["done"].ToString() switch { "issued" => L["Certificate issued."].Value, "revoked" => L["Certificate revoked."].Value, _ => null };
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostIssueAsync(string forum, string? email, string? note)
    {
        if (await certificates.IssueByHandAsync(Forum, email, note, User, HttpContext.RequestAborted) is { } problem)
        {
            this.ShowRefusal(Refusal.Of("email", problem), Errors);
            (TypedEmail, TypedNote) = (email, note);
            return await ShowAsync();
        }
        return Redirect(CertificateLinks.Manage(Forum.Slug) + "?done=issued");
    }

    public async Task<IActionResult> OnPostRevokeAsync(string forum, int certificate, string? reason)
    {
        if (await certificates.RevokeAsync(Forum, certificate, reason, User, HttpContext.RequestAborted) is { } problem)
        {
            this.ShowRefusal(Refusal.Of($"reason-{certificate}", problem), Errors);
            (Revoking, TypedReason) = (certificate, reason);
            return await ShowAsync();
        }
        return Redirect(CertificateLinks.Manage(Forum.Slug) + "?done=revoked");
    }

    public async Task<IActionResult> OnPostImportAsync(string forum, IFormFile? report)
    {
        if (report is null || report.Length == 0)
        {
            this.ShowRefusal(Refusal.Of("report", L["Choose the attendance report to upload (CSV)."]), Errors);
            return await ShowAsync();
        }
        if (report.Length > CsvFiles.MaxBytes)
        {
            this.ShowRefusal(Refusal.Of("report", L["The file is larger than {0} MB. Split it into several files.", CsvFiles.MaxBytes / 1024 / 1024]), Errors);
            return await ShowAsync();
        }
        using var buffer = new MemoryStream((int)report.Length);
        await report.CopyToAsync(buffer, HttpContext.RequestAborted);
        Imported = await attendance.ImportAsync(Forum, buffer.ToArray(), User, HttpContext.RequestAborted);
        if (Imported.Problems.Count > 0)
        {
            // The good lines are recorded; the status says the file was not read in full.
            Response.StatusCode = Imported.Lines == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
        }
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var all = from c in Db.Certificates
                  join r in Db.Registrations on c.RegistrationId equals r.Id
                  join a in Db.Users on r.AccountId equals a.Id
                  where c.ForumId == Forum.Id
                  select new { c, a.Email, a.NormalizedEmail };
        Total = await all.CountAsync(cancel);
        all = State switch
        {
            "valid" => all.Where(x => x.c.RevokedAt == null),
            "revoked" => all.Where(x => x.c.RevokedAt != null),
            _ => all,
        };
        all = How switch
        {
            "hand" => all.Where(x => x.c.IssuedBy != null),
            "request" => all.Where(x => x.c.IssuedBy == null),
            _ => all,
        };
        if (Q?.Trim() is { Length: > 0 } q)
        {
            var upper = q.ToUpperInvariant();
            all = all.Where(x => x.NormalizedEmail!.Contains(upper) || x.c.Name.ToUpper().Contains(upper));
        }
        Rows = await all.OrderByDescending(x => x.c.IssuedAt).Take(PageSize)
            .Select(x => new Row(x.c.Id, x.c.Code, x.c.Name, x.Email!, x.c.IssuedAt, x.c.IssuedBy != null, x.c.Note, x.c.RevokedAt, x.c.RevokedReason))
            .ToListAsync(cancel);
        // Approved registrations with attendance on record: how many could download a certificate today.
        Eligible = await Db.Registrations.CountAsync(r => r.ForumId == Forum.Id && r.Status == Registrations.RegistrationStatus.Approved
            && (Db.CheckIns.Any(c => c.RegistrationId == r.Id) || Db.OnlinePresences.Any(p => p.RegistrationId == r.Id)), cancel);
        return Page();
    }
}
