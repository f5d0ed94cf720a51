using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>Someone on a proposal as a reader sees them: with names hidden, only their part, mode and answer.</summary>
public sealed record ProposalViewPerson(SessionRoleKind Role, ParticipationMode Mode, SpeakerAnswer? Answer, string? Name, string? Email, string? Organisation);

public sealed record ProposalViewSdg(string Code, string Reason);

/// <summary>The proposer's text in one of the forum's record sections, with the section's slug and title.</summary>
public sealed record ProposalViewSection(string Slug, string Title, string Text);

/// <summary>
/// A proposal as the review shows it, on reviewer pages and in the API. Built field by field from the columns a reader
/// may see: with <see cref="NamesShown"/> false, no name, address or organisation is ever read from the database, so
/// none can slip into a page, an export or an answer through a forgotten property.
/// </summary>
public sealed record ProposalView(
    int Id, string Title, ProposalState State, string Type, SessionFormat Format, RoomLayout Layout, int LengthMinutes, string? Subtheme,
    string? Tags, string? Description, string? PolicyQuestions, string? ExpectedOutcomes, string? OnlineEngagement,
    IReadOnlyList<ProposalViewSdg> Sdgs, bool NamesShown, string? ProposerName, string? ProposerEmail, string? ProposerOrganisation, IReadOnlyList<ProposalViewPerson> People,
    IReadOnlyList<ProposalViewSection> Sections)
{
    /// <summary>Global Digital Compact objectives ("3") the proposal serves, in the Compact's order; left out for a forum that does not use the Compact.</summary>
    public IReadOnlyList<string>? Gdc { get; init; }

    /// <summary>WSIS action lines ("C5") the proposal serves, in their order; left out for a forum that does not use them.</summary>
    public IReadOnlyList<string>? Wsis { get; init; }

    public static async Task<List<ProposalView>> BuildAsync(PlenaryDb db, Forum forum, IReadOnlyCollection<int> ids, bool namesShown, CancellationToken cancel)
    {
        var proposals = await db.Proposals.Where(p => p.ForumId == forum.Id && ids.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.Title, p.State, p.TypeId, p.Format, p.Layout, p.LengthMinutes, p.SubthemeId, p.Tags, p.Description, p.PolicyQuestions,
                p.ExpectedOutcomes, p.OnlineEngagement,
            }).ToListAsync(cancel);
        var sdgs = (await db.ProposalSdgs.Where(s => ids.Contains(s.ProposalId)).Select(s => new { s.ProposalId, s.Code, s.Reason }).ToListAsync(cancel))
            .ToLookup(s => s.ProposalId);
        var links = (await db.ProposalFrameworkLinks.Where(l => ids.Contains(l.ProposalId)).ToListAsync(cancel)).ToLookup(l => l.ProposalId);
        List<string>? Codes(int id, Frameworks.Framework framework) => forum.Uses(framework)
            ? links[id].Where(l => l.Framework == framework).Select(l => l.Code).OrderBy(c => Frameworks.FrameworkCatalogue.Position(framework, c)).ToList()
            : null;
        var texts = (await db.ProposalSections.Where(s => ids.Contains(s.ProposalId)).ToListAsync(cancel)).ToLookup(s => s.ProposalId);
        var sections = ProposalSections.Of(forum).ToList();
        // Ordered here: the database holds the roles' names, whose alphabetical order is not the roles' order.
        var roles = (await db.ProposalPeople.Where(x => ids.Contains(x.ProposalId))
            .Select(x => new { x.Id, x.ProposalId, x.Kind, x.Mode, x.Answer, x.Position }).ToListAsync(cancel))
            .OrderBy(x => x.Kind).ThenBy(x => x.Position).ToLookup(x => x.ProposalId);

        // Only when names are shown are they read at all.
        Dictionary<int, (string Name, string Email, string? Organisation)> named = [];
        Dictionary<int, (string Name, string? Email, string? Organisation)> proposers = [];
        if (namesShown)
        {
            var people = await db.ProposalPeople.Where(x => ids.Contains(x.ProposalId)).Select(x => new { x.Id, x.Name, x.Email }).ToListAsync(cancel);
            var emails = people.Select(x => x.Email.ToUpperInvariant()).Distinct().ToList();
            var affiliations = await (from a in db.Users join p in db.People on a.PersonId equals p.Id
                                      where a.EmailConfirmed && emails.Contains(a.NormalizedEmail!) && p.Affiliation != null
                                      select new { a.NormalizedEmail, p.Affiliation }).ToDictionaryAsync(x => x.NormalizedEmail!, x => x.Affiliation, cancel);
            named = people.ToDictionary(x => x.Id, x => (x.Name, x.Email, affiliations.GetValueOrDefault(x.Email.ToUpperInvariant())));
            proposers = (await (from pr in db.Proposals
                                join a in db.Users on pr.ProposerId equals a.Id into accounts
                                from a in accounts.DefaultIfEmpty()
                                join p in db.People on a.PersonId equals p.Id into persons
                                from p in persons.DefaultIfEmpty()
                                where ids.Contains(pr.Id)
                                select new { pr.Id, pr.ProposerName, Email = a == null ? null : a.Email, Affiliation = p == null ? null : p.Affiliation }).ToListAsync(cancel))
                .ToDictionary(x => x.Id, x => (x.ProposerName, (string?)x.Email, (string?)x.Affiliation));
        }

        return proposals.Select(p => new ProposalView(
            p.Id, p.Title, p.State, forum.SessionTypes.FirstOrDefault(t => t.Id == p.TypeId)?.Code ?? "", p.Format, p.Layout, p.LengthMinutes,
            forum.Subthemes.FirstOrDefault(s => s.Id == p.SubthemeId)?.Name, p.Tags, p.Description, p.PolicyQuestions, p.ExpectedOutcomes, p.OnlineEngagement,
            sdgs[p.Id].OrderBy(s => s.Code, SdgOrder.Instance).Select(s => new ProposalViewSdg(s.Code, s.Reason)).ToList(),
            namesShown,
            namesShown ? proposers.GetValueOrDefault(p.Id).Name : null,
            namesShown ? proposers.GetValueOrDefault(p.Id).Email : null,
            namesShown ? proposers.GetValueOrDefault(p.Id).Organisation : null,
            roles[p.Id].Select(x =>
            {
                var who = named.GetValueOrDefault(x.Id);
                return new ProposalViewPerson(x.Kind, x.Mode, x.Kind == SessionRoleKind.Speaker ? x.Answer : null,
                    namesShown ? who.Name : null, namesShown ? who.Email : null, namesShown ? who.Organisation : null);
            }).ToList(),
            sections.Select(s => (Section: s, Held: texts[p.Id].FirstOrDefault(t => t.SectionId == s.Id)))
                .Where(x => x.Held is not null).Select(x => new ProposalViewSection(x.Section.Slug, x.Section.Title, x.Held!.Text)).ToList())
        {
            Gdc = Codes(p.Id, Frameworks.Framework.Gdc), Wsis = Codes(p.Id, Frameworks.Framework.Wsis),
        }).ToList();
    }
}
