using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.VisaLetters;

/// <summary>
/// The visa desk's queue: the requests oldest first with the days they have waited, filtered by state, passport country
/// and age, ticked in bulk and approved (letters issued at once) or refused with one reason; the same list as CSV. Every
/// showing of it opens passports, so every showing is logged (<see cref="VisaLetterChange.ReadAsync"/>).
/// </summary>
/// <remarks>Enter in the reason decides nothing (see _DefaultSubmit): the desk presses Approve or Refuse.</remarks>
[ForumPolicy(Policies.HandleVisas)]
public sealed class QueueModel(PlenaryDb db, VisaLetterChange visas, PublicOrigin origin, IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    [BindProperty(SupportsGet = true)] public VisaRequestStatus? Status { get; set; } = VisaRequestStatus.Waiting;
    [BindProperty(SupportsGet = true)] public string? Nationality { get; set; }
    [BindProperty(SupportsGet = true)] public int? Days { get; set; }

    public List<VisaRow> Rows { get; private set; } = [];
    public Dictionary<VisaRequestStatus, int> Counts { get; private set; } = [];
    public List<string> Nationalities { get; private set; } = [];
    public string? TypedReason { get; private set; }
    public bool Done { get; private set; }

    private VisaFilter Filter => new(Status, Nationality, Days);

    /// <summary>The filter as a query, so links and the CSV keep it ("all" when no state is chosen).</summary>
    public string Query => $"status={(Status?.ToString() ?? "all")}&nationality={Uri.EscapeDataString(Nationality ?? "")}&days={Days}";

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        ReadStatus();
        Done = Request.Query.ContainsKey("done");
        return await ShowAsync();
    }

    public async Task<IActionResult> OnGetCsvAsync(string forum)
    {
        ReadStatus();
        var csv = await visas.CsvAsync(Forum, Filter, User, HttpContext.RequestAborted);
        return File(csv, "text/csv; charset=utf-8", $"visa-letters-{Forum.Slug}.csv");
    }

    public async Task<IActionResult> OnGetLetterAsync(string forum, int id)
    {
        var request = await Db.VisaRequests.FindAsync([id], HttpContext.RequestAborted);
        if (request is null || request.ForumId != Forum.Id)
        {
            return NotFound();
        }
        var pdf = await visas.LetterAsync(Forum, request, User, origin.Value, HttpContext.RequestAborted);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", $"invitation-letter-{request.LetterCode}.pdf");
    }

    public async Task<IActionResult> OnPostDecideAsync(string forum, List<int> ids, string? decision, string? reason)
    {
        ReadStatus();
        var problem = decision switch
        {
            "approve" => await visas.DecideAsync(Forum, ids, true, reason, User, HttpContext.RequestAborted),
            "refuse" => await visas.DecideAsync(Forum, ids, false, reason, User, HttpContext.RequestAborted),
            _ => L["Nothing is decided yet: press Approve or Refuse."],
        };
        if (problem is not null)
        {
            this.ShowRefusal(Refusal.Of("reason", problem), Errors);
            TypedReason = reason;
            return await ShowAsync();
        }
        return Redirect(VisaLetterLinks.Queue(Forum.Slug) + "?" + Query + "&done=1");
    }

    public async Task<IActionResult> OnPostRevokeAsync(string forum, int id)
    {
        ReadStatus();
        if (await visas.RevokeAsync(Forum, id, User, HttpContext.RequestAborted) is { } problem)
        {
            this.ShowRefusal(Refusal.Of("reason", problem), Errors);
            return await ShowAsync();
        }
        return Redirect(VisaLetterLinks.Queue(Forum.Slug) + "?" + Query + "&done=1");
    }

    /// <summary>"all" shows every state; nothing given shows the waiting ones, the desk's work.</summary>
    private void ReadStatus()
    {
        if (Request.Query["status"] == "all")
        {
            Status = null;
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        Counts = await visas.CountsAsync(Forum, cancel);
        Nationalities = await visas.NationalitiesAsync(Forum, cancel);
        Rows = await visas.ReadAsync(Forum, Filter, User, "visa.read.queue", VisaLetterChange.PageSize, cancel);
        return Page();
    }
}
