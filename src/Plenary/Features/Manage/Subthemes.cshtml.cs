using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Manage;

/// <summary>
/// The forum's subthemes: add, change, put in order and remove. Removing one that sessions use is confirmed
/// first, with the number of sessions that will be left without a subtheme. Audited and public at once.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SubthemesModel(PlenaryDb db, SubthemeChange change, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public const int SlugLength = SubthemeChange.SlugLength;

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
        if (edit is { } id && Forum.Subthemes.FirstOrDefault(s => s.Id == id) is { } subtheme)
        {
            (Id, Name, Slug) = (subtheme.Id, subtheme.Name, subtheme.Slug);
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        var existing = Id == 0 ? null : Forum.Subthemes.FirstOrDefault(s => s.Id == Id);
        if (Id != 0 && existing is null)
        {
            return NotFound();
        }
        var form = new SubthemeForm { Name = Name, Slug = Slug };
        var saved = await change.SaveAsync(Forum, existing, form, User, HttpContext.RequestAborted);
        (Name, Slug) = (form.Name, form.Slug);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(ManageLinks.Subthemes(Forum.Slug));
    }

    /// <summary>Moves a subtheme one place up or down; the programme and the forum's page list them in this order.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string forum, int subtheme, string? direction)
    {
        var order = Forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id).ToList();
        var index = order.FindIndex(s => s.Id == subtheme);
        if (index < 0)
        {
            return NotFound();
        }
        var target = direction switch { "up" => index - 1, "down" => index + 1, _ => -2 };
        if (target == -2)
        {
            this.ShowRefusal(Refusal.Of("", L["Choose from the list."]), Errors);
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
        }
        return Redirect(ManageLinks.Subthemes(Forum.Slug));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int subtheme, bool confirm)
    {
        if (Forum.Subthemes.FirstOrDefault(s => s.Id == subtheme) is not { } found)
        {
            return NotFound();
        }
        var removal = await change.RemoveAsync(Forum, found, confirm, User, HttpContext.RequestAborted);
        if (!removal.Removed)
        {
            Confirming = found;
            ConfirmQuestion = removal.Question;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        return Redirect(ManageLinks.Subthemes(Forum.Slug));
    }

    private async Task<IActionResult> ShowAsync()
    {
        Subthemes = Forum.Subthemes.OrderBy(s => s.Position).ThenBy(s => s.Id).ToList();
        SessionsPerSubtheme = await Db.Sessions.Where(s => s.ForumId == Forum.Id && s.SubthemeId != null).GroupBy(s => s.SubthemeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }
}
