using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>The address a forgotten password's link is sent to, trimmed by the page so it shows what was checked.</summary>
public sealed class ForgotPasswordForm
{
    public string? Email { get; set; }
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(f => f.Email).Field("email").Must(AccountPageModel.LooksLikeEmail).WithMessage(_ => L["Enter an e-mail address such as name@example.org."]);
}

/// <summary>The new password chosen through a reset link; Identity's own rules (its length) are checked on saving it.</summary>
public sealed class ResetPasswordForm
{
    public string? Password { get; set; }
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(f => f.Password).Field("password").Must(p => !string.IsNullOrEmpty(p))
            .WithMessage(_ => L["Choose a password of at least {0} characters. A few words strung together work well.", 10]);
}
