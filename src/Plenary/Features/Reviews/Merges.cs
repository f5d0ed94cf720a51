using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Reviews;

/// <summary>The Secretariat suggests that two similar proposals become one session; both sides are told by e-mail and on their proposal's page.</summary>
public sealed class Merges(PlenaryDb db, Mailer mailer, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const string Purpose = "proposal-merge";

    /// <summary>Null when suggested (and saved); otherwise why not.</summary>
    public async Task<(string Field, string Message)?> SuggestAsync(Forum forum, int first, int second, string? note, ClaimsPrincipal user, CancellationToken cancel)
    {
        var proposals = await db.Proposals.Include(p => p.People).Where(p => p.ForumId == forum.Id && (p.Id == first || p.Id == second)).ToListAsync(cancel);
        if (proposals.All(p => p.Id != first))
        {
            return ("merge-first", L["Choose the first proposal from the list."]);
        }
        if (first == second || proposals.All(p => p.Id != second))
        {
            return ("merge-second", L["Choose a second proposal, other than the first, from the list."]);
        }
        if (note is { Length: > MergeSuggestion.MaxNote })
        {
            return ("merge-note", L["Shorten the note to at most {0} characters.", MergeSuggestion.MaxNote]);
        }
        if (await db.MergeSuggestions.AnyAsync(m => (m.ProposalId == first && m.OtherProposalId == second) || (m.ProposalId == second && m.OtherProposalId == first), cancel))
        {
            return ("merge-second", L["Merging these two proposals has already been suggested."]);
        }
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.MergeSuggestions.Add(new MergeSuggestion
        {
            ForumId = forum.Id, ProposalId = first, OtherProposalId = second, Note = note, SuggestedAt = clock.GetUtcNow().UtcDateTime, SuggestedById = user.AccountId(),
        });
        foreach (var proposal in proposals)
        {
            var other = proposals.Single(p => p.Id != proposal.Id);
            var (title, otherTitle, forumName, link) = (proposal.Title, other.Title, forum.Name, ProposalLinks.Proposal(forum.Slug, proposal.Id));
            foreach (var (email, language) in await RecipientsAsync(proposal, cancel))
            {
                mailer.Queue(email, language, Purpose, l => new MailContent(l["A suggestion to merge “{0}”", title],
                [
                    l["Hello,"],
                    l["The Secretariat of {0} suggests merging your proposal “{1}” with a similar one, “{2}”, into one session.", forumName, title, otherTitle],
                    .. note is null ? Array.Empty<string>() : [l["The Secretariat's note: {0}", note]],
                    l["Open your proposal to see the suggestion and answer it."],
                ], l["See the proposal"], link));
            }
        }
        db.Record(user, clock, forum.Id, "proposal.merge.suggest", $"proposal {first}", null, new { Proposals = new[] { first, second }, Note = note });
        await db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return null;
    }

    /// <summary>The proposer and co-organisers, by the address they are known by, in their own language when they have an account.</summary>
    private async Task<List<(string Email, string Language)>> RecipientsAsync(Proposal proposal, CancellationToken cancel)
    {
        var list = new List<(string, string)>();
        if (proposal.ProposerId is { } id && await db.Users.Where(a => a.Id == id).Select(a => new { a.Email, a.PreferredLanguage }).FirstOrDefaultAsync(cancel) is { Email: { } email } proposer)
        {
            list.Add((email, proposer.PreferredLanguage));
        }
        var organisers = proposal.People.Where(p => p.Kind == SessionRoleKind.Organiser).Select(p => p.Email).ToList();
        var upper = organisers.Select(e => e.ToUpperInvariant()).ToList();
        var languages = await db.Users.Where(a => upper.Contains(a.NormalizedEmail!)).ToDictionaryAsync(a => a.NormalizedEmail!, a => a.PreferredLanguage, cancel);
        list.AddRange(organisers.Select(e => (e, languages.GetValueOrDefault(e.ToUpperInvariant()) ?? "en")));
        return list.DistinctBy(r => r.Item1.ToLowerInvariant()).ToList();
    }

    /// <summary>A proposer or co-organiser accepts or declines a suggestion made about their proposal.</summary>
    public async Task<bool> AnswerAsync(Forum forum, Proposal proposal, int suggestion, MergeAnswer answer, ClaimsPrincipal user, CancellationToken cancel)
    {
        var found = await db.MergeSuggestions.AsTracking()
            .FirstOrDefaultAsync(m => m.Id == suggestion && m.ForumId == forum.Id && (m.ProposalId == proposal.Id || m.OtherProposalId == proposal.Id), cancel);
        if (found is null)
        {
            return false;
        }
        if (found.ProposalId == proposal.Id)
        {
            found.ProposalAnswer = answer;
        }
        else
        {
            found.OtherAnswer = answer;
        }
        db.Record(user, clock, forum.Id, "proposal.merge.answer", $"proposal {proposal.Id}", null, new { Suggestion = suggestion, Answer = answer.ToString() });
        await db.SaveChangesAsync(cancel);
        return true;
    }
}
