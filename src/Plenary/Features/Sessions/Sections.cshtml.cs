using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>
/// The forum's record sections (policy questions, expected outcomes...): add, change, order, hide or show, remove, and
/// the IGF's sections of a year in one go. Removing a section that sessions hold text in is confirmed first, with
/// their number. Audited and public at once.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class SectionsModel(PlenaryDb db, RecordSectionChange change, IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    /// <summary>The section being added (Id 0) or changed.</summary>
    [BindProperty] public int Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? HelpText { get; set; }
    [BindProperty] public bool InProposalForm { get; set; }
    [BindProperty] public bool IsPublic { get; set; } = true;

    /// <summary>The IGF year whose sections are added.</summary>
    [BindProperty] public int? Year { get; set; }

    public List<RecordSection> Sections { get; private set; } = [];
    public Dictionary<int, int> SessionsPerSection { get; private set; } = [];

    /// <summary>A removal waiting for the Secretariat's confirmation, because sessions hold text in the section.</summary>
    public RecordSection? Confirming { get; private set; }
    public string? ConfirmQuestion { get; private set; }

    /// <summary>After adding a year's IGF sections: how many were added.</summary>
    public int? Added { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, int? edit, int? added)
    {
        if (edit is { } id && Forum.RecordSections.FirstOrDefault(s => s.Id == id) is { } section)
        {
            (Id, Title, Slug, HelpText, InProposalForm, IsPublic) = (section.Id, section.Title, section.Slug, section.HelpText, section.InProposalForm, section.IsPublic);
        }
        Added = added is >= 0 ? added : null;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum)
    {
        var existing = Id == 0 ? null : Forum.RecordSections.FirstOrDefault(s => s.Id == Id);
        if (Id != 0 && existing is null)
        {
            return NotFound();
        }
        var form = new RecordSectionForm { Title = Title, Slug = Slug, HelpText = HelpText, InProposalForm = InProposalForm, IsPublic = IsPublic };
        var saved = await change.SaveAsync(Forum, existing, form, User, HttpContext.RequestAborted);
        (Title, Slug, HelpText) = (form.Title, form.Slug, form.HelpText);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(SessionLinks.ManageSections(Forum.Slug));
    }

    /// <summary>Publishes a section or takes it off the public pages; its text stays either way.</summary>
    public async Task<IActionResult> OnPostVisibilityAsync(string forum, int section)
    {
        if (Forum.RecordSections.FirstOrDefault(s => s.Id == section) is not { } found)
        {
            return NotFound();
        }
        var form = new RecordSectionForm { Title = found.Title, HelpText = found.HelpText, InProposalForm = found.InProposalForm, IsPublic = !found.IsPublic };
        var saved = await change.SaveAsync(Forum, found, form, User, HttpContext.RequestAborted);
        if (!saved.IsDone)
        {
            this.ShowRefusal(saved.Reasons, Errors);
            return await ShowAsync();
        }
        return Redirect(SessionLinks.ManageSections(Forum.Slug));
    }

    /// <summary>Moves a section one place up or down; session pages and forms show them in this order.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string forum, int section, string? direction)
    {
        if (Forum.RecordSections.FirstOrDefault(s => s.Id == section) is not { } found)
        {
            return NotFound();
        }
        if (!await change.MoveAsync(Forum, found, direction, User, HttpContext.RequestAborted))
        {
            this.ShowRefusal(Refusal.Of("", L["Choose from the list."]), Errors);
            return await ShowAsync();
        }
        return Redirect(SessionLinks.ManageSections(Forum.Slug));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string forum, int section, bool confirm)
    {
        if (Forum.RecordSections.FirstOrDefault(s => s.Id == section) is not { } found)
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
        return Redirect(SessionLinks.ManageSections(Forum.Slug));
    }

    /// <summary>Adds the IGF's sections of the chosen year that the forum lacks.</summary>
    public async Task<IActionResult> OnPostIgfAsync(string forum)
    {
        if (Year is not { } year || year < IgfSections.FirstYear || year > IgfSections.LastYear)
        {
            this.ShowRefusal(Refusal.Of("year", L["Choose a year from {0} to {1}.", IgfSections.FirstYear, IgfSections.LastYear]), Errors);
            return await ShowAsync();
        }
        var added = await change.AddIgfYearAsync(Forum, year, User, HttpContext.RequestAborted);
        return Redirect(SessionLinks.ManageSections(Forum.Slug) + "?added=" + added.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<IActionResult> ShowAsync()
    {
        Sections = Forum.RecordSections.OrderBy(s => s.Position).ThenBy(s => s.Id).ToList();
        var ids = Sections.Select(s => s.Id).ToList();
        SessionsPerSection = await Db.SessionSections.Where(t => ids.Contains(t.SectionId)).GroupBy(t => t.SectionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }
}
