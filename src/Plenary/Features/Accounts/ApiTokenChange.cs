using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>A token asked for on the account's tokens page.</summary>
public sealed class ApiTokenForm
{
    public string? Name { get; set; }
    public int Days { get; set; }

    /// <summary>The lifetime did not read as a number at all (the page's binder said so).</summary>
    public bool DaysUnreadable { get; set; }
}

public sealed class ApiTokenFormValidator : AbstractValidator<ApiTokenForm>
{
    public ApiTokenFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Name == null ? "" : f.Name.Trim()).Field("name")
            .OnOneLine(L)
            .Must(name => name.Length is > 0 and <= ApiToken.MaxName).WithMessage(_ => L["Name the token after what will use it, in at most {0} characters.", ApiToken.MaxName]);
        RuleFor(f => f.Days).Field("days").Must((form, days) => !form.DaysUnreadable && ApiTokenChange.Lifetimes.Contains(days))
            .WithMessage(_ => L["Choose how long the token lasts from the list."]);
    }
}

/// <summary>Makes a person's tokens for the write API; the secret is returned once and only its hash is stored.</summary>
public sealed class ApiTokenChange(PlenaryDb db, IValidator<ApiTokenForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int MaxTokens = 20;
    public static readonly int[] Lifetimes = [30, 90, 365];

    /// <summary>The token to show once, or why not by field.</summary>
    public async Task<ChangeResult<string>> CreateAsync(int account, ApiTokenForm form, CancellationToken cancel)
    {
        var refusal = await validator.RefusalAsync(form, cancel);
        // A reason about the whole form, given with the fields' own so the person mends everything at once.
        if (await db.ApiTokens.CountAsync(t => t.AccountId == account, cancel) >= MaxTokens)
        {
            refusal.Add("", L["You have {0} tokens already. Revoke one you no longer use first.", MaxTokens]);
        }
        if (!refusal.IsEmpty)
        {
            return refusal;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, record) = ApiToken.Create(account, form.Name!.Trim(), now, now.AddDays(form.Days));
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(cancel);
        return ChangeResult<string>.Done(token);
    }
}
