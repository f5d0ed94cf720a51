using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>Who is to hold a role in a session: an existing person by id, or a name that is matched or becomes a new person.</summary>
public sealed class SessionRoleForm
{
    public string? Role { get; set; }
    public string? Mode { get; set; }
    public string? Name { get; set; }

    /// <summary>Narrows a common name to one person, and is kept on a new one.</summary>
    public string? Affiliation { get; set; }

    /// <summary>Set when the person was picked among several of the same name.</summary>
    public int? PersonId { get; set; }

    /// <summary>An organiser may be an organisation rather than a person.</summary>
    public bool IsOrganisation { get; set; }

    /// <summary>The person's title as at this session, when it differs from their current one ("Minister of X" in 2016).</summary>
    public string? TitleAtSession { get; set; }

    /// <summary>The person's affiliation as at this session; with <see cref="TitleAtSession"/>, both empty shows their current ones.</summary>
    public string? AffiliationAtSession { get; set; }

    /// <summary>Listed as to be confirmed ("TBC") until they confirm.</summary>
    public bool ToBeConfirmed { get; set; }
}

/// <summary>Adds and removes the people of a session, with the rules both the workspace pages and the API follow.</summary>
public sealed class SessionRoleFormValidator : AbstractValidator<SessionRoleForm>
{
    public SessionRoleFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Role).Field("role")
            .OneOf<SessionRoleForm, SessionRoleKind>().WithMessage(_ => L["Choose a role from the list."])
            .Must((f, role) => !f.IsOrganisation || EnumValue.Parse<SessionRoleKind>(role) == SessionRoleKind.Organiser)
            .WithMessage(_ => L["Only organisers can be organisations; speakers, moderators and rapporteurs are people."]);
        RuleFor(f => f.Mode).Field("mode").OneOf<SessionRoleForm, ParticipationMode>().WithMessage(_ => L["Choose onsite or online."]);
        RuleFor(f => f.Name ?? "").Field("person")
            .OnOneLine(L)
            .Must((f, name) => f.PersonId is not null || name.Length is > 0 and <= SessionRoleChange.MaxName)
            .WithMessage(_ => L["Write the person's name, at most {0} characters.", SessionRoleChange.MaxName]);
        RuleFor(f => f.Affiliation ?? "").Field("affiliation")
            .OnOneLine(L)
            .AtMost(Person.MaxAffiliation, L);
        RuleFor(f => f.TitleAtSession ?? "").Field("titleAtSession")
            .OnOneLine(L)
            .AtMost(Person.MaxTitle, L)
            .Must((f, title) => title.Length == 0 || !f.IsOrganisation).WithMessage(_ => L["An organisation has no title or affiliation of its own: leave these empty."]);
        RuleFor(f => f.AffiliationAtSession ?? "").Field("affiliationAtSession")
            .OnOneLine(L)
            .AtMost(Person.MaxAffiliation, L)
            .Must((f, affiliation) => affiliation.Length == 0 || !f.IsOrganisation).WithMessage(_ => L["An organisation has no title or affiliation of its own: leave these empty."]);
    }
}

public sealed class SessionRoleChange(PlenaryDb db, IValidator<SessionRoleForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int MaxName = Person.MaxName;

    /// <param name="Name">The added person's or organisation's name, for the audit log and the answer.</param>
    public sealed record Outcome(SessionRole? Added, string? Name, Refusal Reasons, List<Person> Candidates);

    /// <summary>Adds, audits and publishes a role; the outcome names the problems or the namesakes to choose from.</summary>
    public async Task<Outcome> AddAsync(Session session, SessionRoleForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        var outcome = await PrepareAsync(session, form, cancel);
        if (outcome.Added is { } role)
        {
            db.Record(user, clock, session.ForumId, "session.role.add", session.Key, null, Describe(role, outcome.Name!));
            await db.SaveChangesAsync(cancel);
        }
        return outcome;
    }

    /// <summary>
    /// Removes a role, audited and public at once; null when done, else the reason. An organiser may not remove
    /// themselves (they would lock themselves out mid-edit); the Secretariat (<paramref name="runsForum"/>) may.
    /// </summary>
    public async Task<string?> RemoveAsync(Session session, SessionRole role, bool runsForum, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (!runsForum && role.Kind == SessionRoleKind.Organiser && role.PersonId is { } person
            && await db.Users.AnyAsync(a => a.Id == user.AccountId() && a.PersonId == person, cancel))
        {
            return L["You cannot remove yourself as organiser. Ask the Secretariat if you are leaving the session."];
        }
        // The removal and its audit entry land together, or neither does.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.SessionRoles.Where(r => r.Id == role.Id).ExecuteDeleteAsync(cancel);
        // The bulk delete bypasses the search index's interceptor: the person or organisation, public only while they
        // hold a role, leaves the index with their last one; an organiser's group and region kept on the session's
        // index rows follow too.
        var changes = new Search.SearchChanges();
        if (role.PersonId is { } held)
        {
            changes.People.Add(held);
        }
        if (role.OrganisationId is { } organisation)
        {
            changes.Organisations.Add(organisation);
        }
        if (role.Kind == SessionRoleKind.Organiser)
        {
            changes.Facets.Add(session.Id);
        }
        await Search.SearchIndex.WriteAsync(db, changes, cancel);
        await SessionVersions.RaiseAsync(db, session.Id, cancel);
        if (role.PersonId is not null && Schedule.CalendarSequence.Lists(role.Kind))
        {
            await Schedule.CalendarSequence.RaiseAsync(db, session.Id, cancel);
        }
        db.Record(user, clock, session.ForumId, "session.role.remove", session.Key, Describe(role, role.Person?.Name ?? role.Organisation!.Name), null);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return null;
    }

    private async Task<Outcome> PrepareAsync(Session session, SessionRoleForm form, CancellationToken cancel)
    {
        var candidates = new List<Person>();
        form.Name = form.Name?.Trim();
        form.Affiliation = form.Affiliation?.Trim();
        form.TitleAtSession = form.TitleAtSession?.Trim();
        form.AffiliationAtSession = form.AffiliationAtSession?.Trim();
        if (await validator.RefusalAsync(form, cancel) is { IsEmpty: false } refusal)
        {
            return new(null, null, refusal, candidates);
        }
        var (kind, mode) = (EnumValue.Parse<SessionRoleKind>(form.Role)!.Value, EnumValue.Parse<ParticipationMode>(form.Mode)!.Value);

        var role = new SessionRole
        {
            SessionId = session.Id, Kind = kind, Mode = mode, ToBeConfirmed = form.ToBeConfirmed,
            Title = string.IsNullOrEmpty(form.TitleAtSession) ? null : form.TitleAtSession,
            Affiliation = string.IsNullOrEmpty(form.AffiliationAtSession) ? null : form.AffiliationAtSession,
        };
        string name;
        if (form.IsOrganisation)
        {
            var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Name == form.Name, cancel);
            if (organisation is not null && await db.SessionRoles.AnyAsync(r => r.SessionId == session.Id && r.OrganisationId == organisation.Id, cancel))
            {
                return new(null, null, Refusal.Of("person", L["{0} is already an organiser of this session.", organisation.Name]), candidates);
            }
            // Records read for matching are not tracked: an existing one is linked by id so it is not inserted again.
            if (organisation is null)
            {
                role.Organisation = new Organisation { Name = form.Name! };
            }
            else
            {
                role.OrganisationId = organisation.Id;
            }
            name = form.Name!;
        }
        else
        {
            Person? person;
            if (form.PersonId is { } id)
            {
                person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancel);
                if (person is null)
                {
                    return new(null, null, Refusal.Of("person", L["That person no longer exists. Write their name again."]), candidates);
                }
            }
            else
            {
                var named = db.People.Where(p => p.Name == form.Name);
                if (!string.IsNullOrEmpty(form.Affiliation))
                {
                    named = named.Where(p => p.Affiliation == form.Affiliation);
                }
                candidates = await named.OrderBy(p => p.Id).Take(20).ToListAsync(cancel);
                if (candidates.Count > 1)
                {
                    // Two people can share a name; guessing would put the wrong one on the programme.
                    return new(null, null, Refusal.Of("person", L["Several people are called {0}. Choose one below, or give an affiliation.", form.Name!]), candidates);
                }
                person = candidates.SingleOrDefault();
            }
            if (person is null)
            {
                role.Person = new Person { Name = form.Name!, Affiliation = string.IsNullOrEmpty(form.Affiliation) ? null : form.Affiliation };
                name = form.Name!;
            }
            else if (await db.SessionRoles.AnyAsync(r => r.SessionId == session.Id && r.PersonId == person.Id && r.Kind == kind, cancel))
            {
                return new(null, null, Refusal.Of("person", L["{0} already holds this role in the session.", person.Name]), candidates);
            }
            else
            {
                role.PersonId = person.Id;
                name = person.Name;
            }
        }
        role.Position = (await db.SessionRoles.Where(r => r.SessionId == session.Id).MaxAsync(r => (int?)r.Position, cancel) ?? 0) + 1;
        db.SessionRoles.Add(role);
        return new(role, name, new Refusal(), []);
    }

    /// <summary>The role as the audit log and the API describe it.</summary>
    public static object Describe(SessionRole role, string name) => new
    {
        Role = role.Kind.ToString(), Mode = role.Mode.ToString(), role.PersonId, role.OrganisationId, Name = name,
        TitleAtSession = role.Title, AffiliationAtSession = role.Affiliation, role.ToBeConfirmed,
    };
}

/// <summary>How a session page lists its people after the organisers: in the IGF's order and under the IGF's headings.</summary>
public static class SessionRoleHeadings
{
    /// <summary>Each kind (and, for presenters, mode) with its heading in the reader's language.</summary>
    public static readonly (SessionRoleKind Kind, ParticipationMode? Mode, Func<IStringLocalizer, string> Heading)[] InOrder =
    [
        (SessionRoleKind.Speaker, null, L => L["Speakers"]),
        (SessionRoleKind.Presenter, ParticipationMode.Onsite, L => L["Presenter"]),
        (SessionRoleKind.Presenter, ParticipationMode.Online, L => L["Remote Presenter"]),
        (SessionRoleKind.Moderator, null, L => L["Moderator"]),
        (SessionRoleKind.OnsiteModerator, null, L => L["Onsite Moderator"]),
        (SessionRoleKind.FloorModerator, null, L => L["Floor Moderator"]),
        (SessionRoleKind.OnlineModerator, null, L => L["Online Moderator"]),
        (SessionRoleKind.Timekeeper, null, L => L["Timekeeper"]),
        (SessionRoleKind.Rapporteur, null, L => L["Rapporteur"]),
        (SessionRoleKind.CoRapporteur, null, L => L["Co-Rapporteur"]),
    ];

    /// <summary>Where a kind comes on a session page: organisers first, then <see cref="InOrder"/>.</summary>
    public static int Rank(SessionRoleKind kind) => kind == SessionRoleKind.Organiser ? -1 : Array.FindIndex(InOrder, h => h.Kind == kind);

    /// <summary>
    /// Whether "(Online)" follows the name: for the kinds whose heading does not already say where the person is (a
    /// floor moderator is in the room, a remote presenter and an online moderator are not), as the IGF marks its speakers.
    /// </summary>
    public static bool MarkedOnline(SessionRole role) => role.Mode == ParticipationMode.Online
        && role.Kind is SessionRoleKind.Speaker or SessionRoleKind.Moderator or SessionRoleKind.Timekeeper or SessionRoleKind.CoRapporteur;
}
