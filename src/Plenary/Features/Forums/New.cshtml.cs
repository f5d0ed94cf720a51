using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Plenary.Features.Manage;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Forums;

/// <summary>A site administrator creates a forum (<see cref="ForumChange"/> holds the rules, shared with the API).</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class NewModel(ForumChange creation) : PageModel
{
    public const int SlugLength = ForumChange.SlugLength;

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
        var form = new NewForumForm { Slug = Slug, Year = Year, Country = Country, SecretariatEmail = SecretariatEmail, Settings = Fields };
        var created = await creation.CreateAsync(form, User, HttpContext.RequestAborted);
        (Slug, Country, SecretariatEmail) = (form.Slug, form.Country, form.SecretariatEmail);
        if (created.Value is not { } forum)
        {
            this.ShowRefusal(created.Reasons, Errors);
            return Page();
        }
        return Redirect(ManageLinks.Workspace(forum.Slug));
    }
}
