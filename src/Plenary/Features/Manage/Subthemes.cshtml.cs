using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>
/// The forum's subthemes: add, change, put in order and remove. Removing one that sessions use is confirmed
/// first, with the number of sessions that will be left without a subtheme. Audited and public at once.
/// </summary>
public sealed class SubthemesModel(PlenaryDb db, IAuthorizationService authorization, IOutputCacheStore cache, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db, authorization)
{
    public const int SlugLength = 80;

    /// <summary>The subtheme being added (Id 0) or changed.</summary>
    [BindProperty] public int Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }

    public List<Subtheme> Subthemes { get; private set; } = [];
    public Dictionary<int, int> SessionsPerSubtheme { get; private set; } = [];

    /// <summary>A removal waiting for the Secretariat's confirmation, because sessions use the subtheme.</summary>
    public Subtheme? Confirming { get; private set; }
    public string? ConfirmQuestion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, int? edit)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (edit is { } id && Forum.Subthemes.FirstOrDefault(s => s.Id == id) is { } subtheme)
        {
            (Id, Name, Slug) = (subtheme.Id, subtheme.Name, subtheme.Slug);
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        var existing = Id == 0 ? null : Forum.Subthemes.FirstOrDefault(s => s.Id == Id);
        if (Id != 0 && existing is null)
        {
            return NotFound();
        }
        Name = Name?.Trim();
        Slug = string.IsNullOrWhiteSpace(Slug) ? Slugs.From(Name, SlugLength) : Slug.Trim();
        if (string.IsNullOrEmpty(Name) || Name.Length > 200)
        {
            Errors["name"] = L["Give the subtheme a name of at most {0} characters.", 200];
        }
        else if (!Slugs.IsWellFormed(Slug, SlugLength))
        {
            Errors["slug"] = L["Give the subtheme a short name for addresses: at most {0} lowercase letters, digits and dashes.", SlugLength];
        }
        else if (Forum.Subthemes.Any(s => s.Id != Id && s.Slug == Slug))
        {
            Errors["slug"] = L["Another subtheme already uses the short name “{0}”.", Slug];
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }

        var after = new { Name, Slug };
        if (existing is null)
        {
            Db.Subthemes.Add(new Subtheme { ForumId = Forum.Id, Name = Name!, Slug = Slug!, Position = Forum.Subthemes.Select(s => s.Position).DefaultIfEmpty().Max() + 1 });
            Db.Record(User, clock, Forum.Id, "subtheme.add", Slug!, null, after);
        }
        else
        {
            var before = new { existing.Name, existing.Slug };
            // Queries do not track by default; attached, only the changed columns are written.
            Db.Attach(existing);
            (existing.Name, existing.Slug) = (Name!, Slug!);
            Db.Record(User, clock, Forum.Id, "subtheme.change", Slug!, before, after);
        }
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage/subthemes");
    }

    /// <summary>Moves a subtheme one place up or down; the programme and the forum's page list them in this order.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string forum, int subtheme, string? direction)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        var order = Forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id).ToList();
        var index = order.FindIndex(s => s.Id == subtheme);
        if (index < 0)
        {
            return NotFound();
        }
        var target = direction switch { "up" => index - 1, "down" => index + 1, _ => -2 };
        if (target == -2)
        {
            Errors[""] = L["Choose from the list."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        if (target >= 0 && target < order.Count)
        {
            Db.AttachRange(order);
            var moved = order[index];
            order.RemoveAt(index);
            order.Insert(target, moved);
            // Positions are renumbered 1..n, which also mends duplicates left by earlier data.
            for (var i = 0; i < order.Count; i++)
            {
                order[i].Position = i + 1;
            }
            Db.Record(User, clock, Forum.Id, "subtheme.move", moved.Slug, new { Position = index + 1 }, new { Position = target + 1 });
            await Db.SaveChangesAsync(HttpContext.RequestAborted);
            await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        }
        return Redirect($"/{Forum.Slug}/manage/subthemes");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int subtheme, bool confirm)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        if (Forum.Subthemes.FirstOrDefault(s => s.Id == subtheme) is not { } found)
        {
            return NotFound();
        }
        var cancel = HttpContext.RequestAborted;
        var sessions = await Db.Sessions.CountAsync(s => s.SubthemeId == subtheme, cancel);
        if (sessions > 0 && !confirm)
        {
            Confirming = found;
            ConfirmQuestion = L["{0} sessions belong to “{1}”. If it is removed, they keep no subtheme until one is chosen for them.", sessions, found.Name];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        await using var transaction = await Db.Database.BeginTransactionAsync(cancel);
        // Said explicitly rather than left to the foreign key, so the count in the log is what happened.
        var released = await Db.Sessions.Where(s => s.SubthemeId == subtheme).ExecuteUpdateAsync(u => u.SetProperty(s => s.SubthemeId, (int?)null), cancel);
        Db.Subthemes.Remove(found);
        Db.Record(User, clock, Forum.Id, "subtheme.remove", found.Slug, new { found.Name, found.Slug, Sessions = released }, null);
        await Db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, cancel);
        return Redirect($"/{Forum.Slug}/manage/subthemes");
    }

    private async Task<IActionResult> ShowAsync()
    {
        Subthemes = Forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id).ToList();
        SessionsPerSubtheme = await Db.Sessions.Where(s => s.ForumId == Forum.Id && s.SubthemeId != null).GroupBy(s => s.SubthemeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }
}
