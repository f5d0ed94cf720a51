using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Accounts;

/// <summary>
/// What the profile page sets besides the shared person form: the account's own time zone, and the gender, which is the
/// person's own to state and so not on the form others fill in. Both arrive as the text posted.
/// </summary>
public sealed class ProfileSettings
{
    /// <summary>Trimmed by the page; empty is none, and the forum's zone is used.</summary>
    public string? TimeZone { get; set; }
    public string? Gender { get; set; }
}

public sealed class ProfileSettingsValidator : AbstractValidator<ProfileSettings>
{
    public ProfileSettingsValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.TimeZone).Field("timezone").Must(zone => zone is null || ForumClock.TryCreate(zone, out _))
            .WithMessage((_, zone) => L["“{0}” is not a time zone. Use a name such as Africa/Addis_Ababa, Europe/Paris or UTC.", ForumForm.Shorten(zone)]);
        RuleFor(f => f.Gender).Field("gender").Must(g => PersonForm.Parse<Gender>(g).Ok).WithMessage(_ => L["Choose from the list."]);
    }
}
