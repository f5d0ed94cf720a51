using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

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

/// <summary>
/// Creates a forum with one set of rules for the page and the API. It starts with the IGF's usual session types, so it
/// is usable at once, and optionally with the first member of its Secretariat, who takes it from there.
/// </summary>
public sealed class ForumChange(PlenaryDb db, UserManager<Account> accounts, EndpointDataSource endpoints,
    IServiceScopeFactory scopes, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int SlugLength = Forum.MaxSlug;

    /// <summary>The created forum, or the problems by field. Trims and normalises <paramref name="form"/> in place, so a page shows what was checked.</summary>
    public async Task<(Forum? Created, Dictionary<string, string> Errors)> CreateAsync(NewForumForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string>();
        form.Slug = form.Slug?.Trim();
        form.Country = form.Country?.Trim().ToUpperInvariant();
        form.SecretariatEmail = form.SecretariatEmail?.Trim();
        var slug = form.Slug;
        if (!Slugs.IsWellFormed(slug, SlugLength))
        {
            errors["slug"] = L["Give the forum a short address of at most {0} lowercase letters, digits and dashes, such as igf2026.", SlugLength];
        }
        else if (Slugs.Reserved(endpoints).Contains(slug!))
        {
            errors["slug"] = L["“{0}” is used by Plenary's own pages. Choose another address.", slug!];
        }
        else if (await db.Forums.AnyAsync(f => f.Slug == slug, cancel))
        {
            errors["slug"] = L["A forum already uses the address “{0}”.", slug!];
        }
        if (form.Year is not (>= 1990 and <= 2200))
        {
            errors["year"] = L["Enter the year of the forum, such as {0}.", 2026];
        }
        if (string.IsNullOrEmpty(form.Country) || !Countries.Codes.Contains(form.Country))
        {
            errors["country"] = L["Choose a country from the list."];
        }
        var settings = (form.Settings ?? new ForumForm()).Check(errors, L);
        var email = form.SecretariatEmail;
        var secretariat = string.IsNullOrEmpty(email) || email.Length > 256 ? null : await accounts.FindByEmailAsync(email);
        if (!string.IsNullOrEmpty(email) && secretariat is null)
        {
            errors["secretariat"] = L["No account uses this address yet. Ask the person to create one, then add them here."];
        }
        if (errors.Count > 0 || settings is null)
        {
            return (null, errors);
        }

        var forum = new Forum
        {
            Slug = slug!, Name = settings.Name, Year = form.Year!.Value, HostCity = settings.HostCity, Venue = settings.Venue, CountryCode = form.Country,
            TimeZoneId = settings.TimeZone, FirstDay = settings.FirstDay, LastDay = settings.LastDay, Theme = settings.Theme,
            Description = settings.Description, Languages = settings.Languages, TakeawaysDueMinutes = settings.TakeawaysDueMinutes, ReportDeadline = settings.ReportDeadline,
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
            errors["slug"] = L["A forum already uses the address “{0}”.", slug!];
            return (null, errors);
        }
        db.Record(user, clock, forum.Id, "forum.create", forum.Slug, null, new
        {
            forum.Slug, forum.Name, forum.Year, forum.HostCity, forum.Venue, Country = forum.CountryCode, TimeZone = forum.TimeZoneId,
            FirstDay = ForumForm.Day(forum.FirstDay), LastDay = ForumForm.Day(forum.LastDay), forum.Theme, forum.Languages,
            SessionTypes = forum.SessionTypes.Select(t => t.Code).ToList(), Secretariat = secretariat?.Email,
        });
        if (secretariat is not null)
        {
            db.ForumMembers.Add(new ForumMember { ForumId = forum.Id, AccountId = secretariat.Id, Role = ForumRole.Secretariat, AddedAt = clock.GetUtcNow().UtcDateTime });
            db.Record(user, clock, forum.Id, "team.add", secretariat.Email!, null, new { secretariat.Email, Role = nameof(ForumRole.Secretariat) });
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return (forum, errors);
    }

    /// <summary>Asked on a connection of its own: on PostgreSQL the failed transaction answers nothing more.</summary>
    private async Task<bool> SlugTakenAsync(string slug, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlenaryDb>().Forums.AnyAsync(f => f.Slug == slug, cancel);
    }
}
