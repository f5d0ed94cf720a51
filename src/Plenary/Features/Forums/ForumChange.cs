using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Forums;

/// <summary>A new forum as an administrator sends it from the creation page or the API.</summary>
public sealed class NewForumForm
{
    public string? Slug { get; set; }
    public int? Year { get; set; }
    public string? Country { get; set; }

    /// <summary>E-mail of an existing account that becomes the first member of the Secretariat; optional.</summary>
    public string? SecretariatEmail { get; set; }

    public ForumForm Settings { get; set; } = new();
}

public sealed class NewForumFormValidator : AbstractValidator<NewForumForm>
{
    public NewForumFormValidator(PlenaryDb db, UserManager<Account> accounts, EndpointDataSource endpoints, IValidator<ForumForm> settings,
        IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Slug).Field("slug")
            .Must(slug => Slugs.IsWellFormed(slug, ForumChange.SlugLength))
            .WithMessage(_ => L["Give the forum a short address of at most {0} lowercase letters, digits and dashes, such as igf2026.", ForumChange.SlugLength])
            .Must(slug => !Slugs.Reserved(endpoints).Contains(slug!)).WithMessage((_, slug) => L["“{0}” is used by Plenary's own pages. Choose another address.", slug!])
            .MustAsync(async (slug, cancel) => !await db.Forums.AnyAsync(f => f.Slug == slug, cancel))
            .WithMessage((_, slug) => L["A forum already uses the address “{0}”.", slug!]);
        RuleFor(f => f.Year).Field("year").Must(y => y is >= 1990 and <= 2200).WithMessage(_ => L["Enter the year of the forum, such as {0}.", 2026]);
        RuleFor(f => f.Country).Field("country").Must(c => !string.IsNullOrEmpty(c) && Countries.Codes.Contains(c))
            .WithMessage(_ => L["Choose a country from the list."]);
        // The settings' fields keep their own ids, as on the workspace's settings form.
        RuleFor(f => f.Settings).CustomAsync(async (form, context, cancel) =>
        {
            foreach (var failure in (await settings.ValidateAsync(form ?? new ForumForm(), cancel)).Errors)
            {
                context.AddFailure(failure.PropertyName, failure.ErrorMessage);
            }
        });
        RuleFor(f => f.SecretariatEmail).Field("secretariat")
            .MustAsync(async (email, cancel) => email!.Length <= 256 && await accounts.FindByEmailAsync(email) is not null)
            .WithMessage(_ => L["No account uses this address yet. Ask the person to create one, then add them here."])
            .When(f => !string.IsNullOrEmpty(f.SecretariatEmail));
    }
}

/// <summary>
/// Creates a forum with one set of rules for the page and the API. It starts with the IGF's usual session types, so it
/// is usable at once, and optionally with the first member of its Secretariat, who takes it from there.
/// </summary>
public sealed class ForumChange(PlenaryDb db, UserManager<Account> accounts, IValidator<NewForumForm> validator, IValidator<ForumForm> settingsValidator,
    IServiceScopeFactory scopes, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int SlugLength = Forum.MaxSlug;

    /// <summary>The created forum, or why not by field. Trims and normalises <paramref name="form"/> in place, so a page shows what was checked.</summary>
    public async Task<ChangeResult<Forum>> CreateAsync(NewForumForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        form.Slug = form.Slug?.Trim();
        form.Country = form.Country?.Trim().ToUpperInvariant();
        form.SecretariatEmail = form.SecretariatEmail?.Trim();
        form.Settings ??= new ForumForm();
        if (await validator.ValidateAsync(form, cancel) is { IsValid: false } invalid)
        {
            return Refusal.From(invalid);
        }
        var slug = form.Slug;
        var settings = form.Settings.Read();
        var email = form.SecretariatEmail;
        var secretariat = string.IsNullOrEmpty(email) ? null : await accounts.FindByEmailAsync(email);

        var forum = new Forum
        {
            Slug = slug!, Name = settings.Name, Year = form.Year!.Value, HostCity = settings.HostCity, Venue = settings.Venue, CountryCode = form.Country,
            TimeZoneId = settings.TimeZone, FirstDay = settings.FirstDay, LastDay = settings.LastDay, Theme = settings.Theme,
            Description = settings.Description, Languages = settings.Languages, TakeawaysDueMinutes = settings.TakeawaysDueMinutes, ReportDeadline = settings.ReportDeadline,
            Kind = settings.Kind, Series = settings.Series,
            SessionTypes = SessionType.IgfUsual(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        db.Forums.Add(forum);
        try
        {
            // Saved first: the audit entries and the Secretariat point at the forum's id.
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            if (!await SlugTakenAsync(slug!, cancel))
            {
                throw;
            }
            // Another administrator took the address between the check and the save.
            db.ChangeTracker.Clear();
            return Refusal.Of("slug", L["A forum already uses the address “{0}”.", slug!]);
        }
        db.Record(user, clock, forum.Id, "forum.create", forum.Slug, null, new
        {
            forum.Slug, forum.Name, forum.Year, forum.HostCity, forum.Venue, Country = forum.CountryCode, TimeZone = forum.TimeZoneId,
            FirstDay = ForumForm.Day(forum.FirstDay), LastDay = ForumForm.Day(forum.LastDay), forum.Theme, forum.Languages,
            Kind = forum.Kind.ToString(), forum.Series,
            SessionTypes = forum.SessionTypes.Select(t => t.Code).ToList(), Secretariat = secretariat?.Email,
        });
        if (secretariat is not null)
        {
            db.ForumMembers.Add(new ForumMember { ForumId = forum.Id, AccountId = secretariat.Id, Role = ForumRole.Secretariat, AddedAt = clock.GetUtcNow().UtcDateTime });
            db.Record(user, clock, forum.Id, "team.add", secretariat.Email!, null, new { secretariat.Email, Role = nameof(ForumRole.Secretariat) });
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return ChangeResult<Forum>.Done(forum);
    }

    /// <summary>Changes the forum's settings from the workspace page or the API; the forum changed, or why not by field.</summary>
    public async Task<ChangeResult<Forum>> SaveSettingsAsync(Forum forum, ForumForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (await settingsValidator.ValidateAsync(form, cancel) is { IsValid: false } invalid)
        {
            return Refusal.From(invalid);
        }
        var before = ForumForm.Snapshot(forum);
        // Queries do not track by default; the change tracker writes only what this form changed.
        db.Attach(forum);
        form.Read().ApplyTo(forum);
        // The change and its audit entry are saved together, or neither is.
        db.Record(user, clock, forum.Id, "forum.settings", forum.Slug, before, ForumForm.Snapshot(forum));
        await db.SaveChangesAsync(cancel);
        return ChangeResult<Forum>.Done(forum);
    }

    /// <summary>Asked on a connection of its own: on PostgreSQL the failed transaction answers nothing more.</summary>
    private async Task<bool> SlugTakenAsync(string slug, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlenaryDb>().Forums.AnyAsync(f => f.Slug == slug, cancel);
    }
}
