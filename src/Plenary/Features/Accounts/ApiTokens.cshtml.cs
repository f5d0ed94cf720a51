using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>The person's tokens for the write API: make one (shown once), see when each was last used, revoke.</summary>
[Authorize]
public sealed class ApiTokensModel(PlenaryDb db, ApiTokenChange change, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(localizer)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int Days { get; set; } = 90;

    public List<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The new token, on the one answer that shows it.</summary>
    public string? NewToken { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        Name = Name?.Trim();
        var created = await change.CreateAsync(User.AccountId()!.Value,
            new ApiTokenForm { Name = Name, Days = Days, DaysUnreadable = ModelState.GetFieldValidationState(nameof(Days)) == ModelValidationState.Invalid }, HttpContext.RequestAborted);
        if (!created.IsDone)
        {
            this.ShowRefusal(created.Reasons, Errors);
            await LoadAsync();
            return Page();
        }
        var token = created.Value!;
        NewToken = token;
        Name = null;
        // Shown in this answer only; it must not sit in a cache or the browser's history.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int token)
    {
        var account = User.AccountId()!.Value;
        await db.ApiTokens.Where(t => t.Id == token && t.AccountId == account).ExecuteDeleteAsync(HttpContext.RequestAborted);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var account = User.AccountId()!.Value;
        Tokens = await db.ApiTokens.Where(t => t.AccountId == account).OrderByDescending(t => t.CreatedAt).ToListAsync(HttpContext.RequestAborted);
    }
}
