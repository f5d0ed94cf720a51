using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>A new account as asked for on the sign-up page, trimmed by the page so it shows what was checked.</summary>
public sealed class SignUpForm
{
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Password { get; set; }
}

public sealed class SignUpFormValidator : AbstractValidator<SignUpForm>
{
    public SignUpFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Email).Field("email").Must(AccountPageModel.LooksLikeEmail).WithMessage(_ => L["Enter an e-mail address such as name@example.org."]);
        RuleFor(f => f.Name ?? "").Field("name")
            .OnOneLine(L)
            .Must(name => !string.IsNullOrWhiteSpace(name) && name.Length <= 200)
            .WithMessage(_ => L["Enter your name as it should appear on session pages (at most 200 characters)."]);
        RuleFor(f => f.Password).Field("password").Must(p => !string.IsNullOrEmpty(p))
            .WithMessage(_ => L["Choose a password of at least {0} characters. A few words strung together work well.", 10]);
    }
}

/// <summary>
/// Creates an account and its person, unconfirmed, and queues the message that confirms the address; the caller wakes
/// the sender. Refused for a known address, or when the address was written to too often lately.
/// </summary>
public sealed class SignUpChange(PlenaryDb db, UserManager<Account> accounts, Mailer mailer, IValidator<SignUpForm> validator, TimeProvider clock,
    IOptions<AccountsOptions> options, IStringLocalizer<SharedResource> L)
{
    public async Task<ChangeResult<Account>> CreateAsync(SignUpForm form, string language, string? returnUrl, CancellationToken cancel)
    {
        if (await validator.RefusalAsync(form, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var (email, name) = (form.Email!, form.Name!);
        if (await accounts.FindByEmailAsync(email) is not null)
        {
            return Refusal.Of("email", L["An account with this e-mail address already exists. Sign in, or reset your password if you have forgotten it."]);
        }
        if (await mailer.CountRecentAsync(email, "confirm-email", TimeSpan.FromHours(1), cancel) >= options.Value.MessagesPerHourPerEmail)
        {
            return Refusal.Of("email", L["We have already written to this address several times in the last hour. Please wait before trying again."])
                .WithStatus(StatusCodes.Status429TooManyRequests);
        }

        // The person, the account and the confirmation message are written together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var person = new Person { Name = name };
        db.People.Add(person);
        await db.SaveChangesAsync(cancel);
        var account = new Account
        {
            UserName = email, Email = email, PersonId = person.Id, PreferredLanguage = language, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await accounts.CreateAsync(account, form.Password!);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancel);
            // Identity's own rules (the password's length, a taken user name), in its localized words.
            return Refusal.From(created.Errors.Select(error => new KeyValuePair<string, string>(
                error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : error.Code.Contains("Email") || error.Code.Contains("UserName") ? "email" : "",
                error.Description)));
        }
        await AccountPageModel.QueueConfirmationAsync(mailer, accounts, account, name, returnUrl);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return ChangeResult<Account>.Done(account);
    }
}
