using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Accounts;

/// <summary>The person's tokens for the write API: make one (shown once), see when each was last used, revoke.</summary>
[Authorize]
public sealed class ApiTokensModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(localizer)
{
    public const int MaxTokens = 20;
    public static readonly int[] Lifetimes = [30, 90, 365];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int Days { get; set; } = 90;

    public List<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The new token, on the one answer that shows it.</summary>
    public string? NewToken { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var account = User.AccountId()!.Value;
        Name = Name?.Trim();
        if (!Infrastructure.Web.SingleLine.Holds(Name))
        {
            Fail("name", Infrastructure.Web.SingleLine.Problem(L));
        }
        else if (string.IsNullOrEmpty(Name) || Name.Length > ApiToken.MaxName)
        {
            Fail("name", L["Name the token after what will use it, in at most {0} characters.", ApiToken.MaxName]);
        }
        if (!Lifetimes.Contains(Days) || ModelState.GetFieldValidationState(nameof(Days)) == ModelValidationState.Invalid)
        {
            Fail("days", L["Choose how long the token lasts from the list."]);
        }
        if (await db.ApiTokens.CountAsync(t => t.AccountId == account, HttpContext.RequestAborted) >= MaxTokens)
        {
            Fail("", L["You have {0} tokens already. Revoke one you no longer use first.", MaxTokens]);
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, record) = ApiToken.Create(account, Name!, now, now.AddDays(Days));
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
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
