using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Features.Manage;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Forums;

/// <summary>
/// A site administrator creates a forum. It starts with the IGF's usual session types, so it is usable at once,
/// and optionally with the first member of its Secretariat, who takes it from there.
/// </summary>
[Authorize(Policy = ForumAccess.Administrator)]
public sealed class NewModel(PlenaryDb db, UserManager<Account> accounts, EndpointDataSource endpoints, IOutputCacheStore cache,
    TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int SlugLength = 60;

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public string? SecretariatEmail { get; set; }
    [BindProperty] public ForumForm Fields { get; set; } = new() { TimeZone = "UTC", Languages = ["en"] };

    public Dictionary<string, string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cancel = HttpContext.RequestAborted;
        Slug = Slug?.Trim();
        Country = Country?.Trim().ToUpperInvariant();
        SecretariatEmail = SecretariatEmail?.Trim();
        if (!Slugs.IsWellFormed(Slug, SlugLength))
        {
            Errors["slug"] = L["Give the forum a short address of at most {0} lowercase letters, digits and dashes, such as igf2026.", SlugLength];
        }
        else if (Slugs.Reserved(endpoints).Contains(Slug!))
        {
            Errors["slug"] = L["“{0}” is used by Plenary's own pages. Choose another address.", Slug!];
        }
        else if (await db.Forums.AnyAsync(f => f.Slug == Slug, cancel))
        {
            Errors["slug"] = L["A forum already uses the address “{0}”.", Slug!];
        }
        if (Year is not (>= 1990 and <= 2200))
        {
            Errors["year"] = L["Enter the year of the forum, such as {0}.", 2026];
        }
        if (string.IsNullOrEmpty(Country) || !Countries.Codes.Contains(Country))
        {
            Errors["country"] = L["Choose a country from the list."];
        }
        var settings = Fields.Check(Errors, L);
        var secretariat = string.IsNullOrEmpty(SecretariatEmail) || SecretariatEmail.Length > 256 ? null : await accounts.FindByEmailAsync(SecretariatEmail);
        if (!string.IsNullOrEmpty(SecretariatEmail) && secretariat is null)
        {
            Errors["secretariat"] = L["No account uses this address yet. Ask the person to create one, then add them here."];
        }
        if (Errors.Count > 0 || settings is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var forum = new Forum
        {
            Slug = Slug!, Name = settings.Name, Year = Year!.Value, HostCity = settings.HostCity, Venue = settings.Venue, CountryCode = Country,
            TimeZoneId = settings.TimeZone, FirstDay = settings.FirstDay, LastDay = settings.LastDay, Theme = settings.Theme,
            Description = settings.Description, Languages = settings.Languages, TakeawaysDueMinutes = settings.TakeawaysDueMinutes, ReportDeadline = settings.ReportDeadline, SessionTypes = SessionType.IgfUsual(),
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
            if (!await SlugTakenAsync(cancel))
            {
                throw;
            }
            // Another administrator took the address between the check and the save.
            Errors["slug"] = L["A forum already uses the address “{0}”.", Slug!];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        db.Record(User, clock, forum.Id, "forum.create", forum.Slug, null, new
        {
            forum.Slug, forum.Name, forum.Year, forum.HostCity, forum.Venue, Country = forum.CountryCode, TimeZone = forum.TimeZoneId,
            FirstDay = ForumForm.Day(forum.FirstDay), LastDay = ForumForm.Day(forum.LastDay), forum.Theme, forum.Languages,
            SessionTypes = forum.SessionTypes.Select(t => t.Code).ToList(), Secretariat = secretariat?.Email,
        });
        if (secretariat is not null)
        {
            db.ForumMembers.Add(new ForumMember { ForumId = forum.Id, AccountId = secretariat.Id, Role = ForumRole.Secretariat, AddedAt = clock.GetUtcNow().UtcDateTime });
            db.Record(User, clock, forum.Id, "team.add", secretariat.Email!, null, new { secretariat.Email, Role = nameof(ForumRole.Secretariat) });
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        // The home page lists forums and is cached for anonymous readers.
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, cancel);
        return Redirect($"/{forum.Slug}/manage");
    }

    /// <summary>Asked on a connection of its own: on PostgreSQL the failed transaction answers nothing more.</summary>
    private async Task<bool> SlugTakenAsync(CancellationToken cancel)
    {
        await using var scope = HttpContext.RequestServices.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlenaryDb>().Forums.AnyAsync(f => f.Slug == Slug, cancel);
    }
}
