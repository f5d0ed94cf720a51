using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Links;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>
/// The Secretariat merges two records of one person: it sees both side by side with their sessions, picks the record
/// that stays and, field by field, what it keeps. People are shared by every forum of the installation, so a
/// Secretariat merges only people of its own forum's sessions: the same rule as for correcting one.
/// </summary>
[ForumPolicy(Policies.RunForum)]
public sealed class PeopleMergeModel(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L) : ManagePageModel(db)
{
    public sealed record Side(Person Person, bool HasAccount, List<(string Key, string NumberedName, string Title, SessionRoleKind Role)> Roles);

    /// <summary>"/igf2022/manage/people/merge?p=12&amp;p=40": the two records compared.</summary>
    public static string Link(string forumSlug, int first, int second) =>
        ManageLinks.People(forumSlug) + "/merge?p=" + LinkPath.Segment(first) + "&p=" + LinkPath.Segment(second);

    [BindProperty(SupportsGet = true, Name = "p")] public List<int> People { get; set; } = [];
    [BindProperty] public int? Keep { get; set; }
    [BindProperty] public Dictionary<PersonField, int> From { get; set; } = [];

    public List<Side> Sides { get; private set; } = [];

    /// <summary>The one of the two with an account, whose own profile the merged record takes; null when neither has one.</summary>
    public Side? Holder => Sides.Count == 2 && Sides.Count(s => s.HasAccount) == 1 ? Sides.Single(s => s.HasAccount) : null;

    public bool BothHaveAccounts => Sides.Count == 2 && Sides.All(s => s.HasAccount);

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (await LoadAsync() is { } answer)
        {
            return answer;
        }
        // The record that stays is, unless the Secretariat says otherwise, the one with an account, else the one with more roles.
        Keep = (Holder ?? Sides.OrderByDescending(s => s.Roles.Count).ThenBy(s => s.Person.Id).First()).Person.Id;
        From = Enum.GetValues<PersonField>().ToDictionary(f => f, f => PersonMerging.DefaultSource(Survivor, Other, f));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        if (await LoadAsync() is { } answer)
        {
            return answer;
        }
        if (Keep is not { } keep || !People.Contains(keep))
        {
            Keep = null;
            this.ShowRefusal(Refusal.Of("keep", L["Choose which record stays."]), Errors);
            return Page();
        }
        var survivor = Survivor;
        var merged = await PersonMerging.MergeAsync(Db, clock, L, Forum, User, Other, survivor, From, HttpContext.RequestAborted);
        if (!merged.IsDone)
        {
            this.ShowRefusal(merged.Reasons, Errors);
            return Page();
        }
        return Redirect(ManageLinks.Person(Forum.Slug, survivor.Id) + "?merged=1");
    }

    private Person Survivor => Sides.Single(s => s.Person.Id == Keep).Person;

    private Person Other => Sides.Single(s => s.Person.Id != Keep).Person;

    /// <summary>Both people, or the answer when the page cannot compare them: a query without two people, or one not of this forum.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var cancel = HttpContext.RequestAborted;
        if (People.Count != 2 || People[0] == People[1])
        {
            Problem = L["Tick two people on the people page to merge them."];
            this.ShowRefusalInPlace();
            return Page();
        }
        var people = await Db.ForumPeople(Forum.Id).AsTracking().Where(p => People.Contains(p.Id)).ToListAsync(cancel);
        if (people.Count != 2)
        {
            // Another forum's people (or one merged away meanwhile) are not this Secretariat's to merge.
            return NotFound();
        }
        var accounts = await Db.Users.Where(a => People.Contains(a.PersonId)).Select(a => a.PersonId).ToListAsync(cancel);
        var roles = (await (from r in Db.SessionRoles
                            join s in Db.Sessions on r.SessionId equals s.Id
                            where r.PersonId != null && People.Contains(r.PersonId.Value) && s.ForumId == Forum.Id
                            orderby s.Type.Position, s.Number
                            select new { PersonId = r.PersonId!.Value, s.Type.Code, s.Type.NumberLabel, TypeName = s.Type.Name, s.Number, s.HasNumber, s.Title, r.Kind })
                .ToListAsync(cancel)).ToLookup(r => r.PersonId);
        Sides = People.Select(id => people.Single(p => p.Id == id)).Select(p => new Side(p, accounts.Contains(p.Id),
            roles[p.Id].Select(r => (SessionKey.Format(r.Code, r.Number), Session.NameOf(r.NumberLabel, r.TypeName, r.Number, r.HasNumber), r.Title, r.Kind)).ToList())).ToList();
        return null;
    }
}
