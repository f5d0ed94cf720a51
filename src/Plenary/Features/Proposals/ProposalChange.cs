using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Proposals;

/// <summary>
/// Saves a proposal as its proposer and co-organisers write it: checked against the call, its speakers asked and its
/// new co-organisers told, audited. Saving over a version someone else saved meanwhile is refused as stale.
/// </summary>
public sealed class ProposalChange(PlenaryDb db, Mailer mailer, IValidator<ProposalForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const string SpeakerPurpose = "proposal-speaker";
    public const int InvitationsPerAddressPerDay = 5;
    public const string OrganiserPurpose = "proposal-organiser";

    /// <summary>
    /// Checks and applies the form to <paramref name="proposal"/> (tracked, with people and SDGs; null for a new one).
    /// <paramref name="callClosed"/> is why the call is closed to this person, null while it is open to them.
    /// </summary>
    public async Task<ChangeResult<Proposal>> SaveAsync(Forum forum, Call call, string? callClosed, Proposal? proposal, ProposalForm form, ClaimsPrincipal user,
        CancellationToken cancel)
    {
        if (callClosed is not null)
        {
            return Refusal.Of("", callClosed).WithStatus(StatusCodes.Status409Conflict);
        }
        if (proposal is not null && !ProposalStates.Editable(proposal.State))
        {
            return Refusal.Of("", L["This proposal is {0} and can no longer be changed.", ProposalStates.StateLabel(L, proposal.State)]).WithStatus(StatusCodes.Status409Conflict);
        }
        var scope = new ProposalForm.In(forum, call);
        if (await validator.CheckAsync(form.Trimmed(), scope, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var valid = form.Read(scope);
        if (proposal is not null && form.Version != proposal.Version)
        {
            return await MeanwhileAsync(forum, proposal, cancel);
        }
        if (await OverInvitedAsync(proposal, valid, cancel) is { IsEmpty: false } overInvited)
        {
            return overInvited.WithStatus(StatusCodes.Status429TooManyRequests);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var creating = proposal is null;
        if (proposal is null)
        {
            var account = user.AccountId();
            var name = await (from a in db.Users join person in db.People on a.PersonId equals person.Id where a.Id == account select person.Name).FirstOrDefaultAsync(cancel) ?? "?";
            proposal = new Proposal { ForumId = forum.Id, ProposerId = account, ProposerName = name, Title = valid.Title, CreatedAt = now, State = ProposalState.Draft };
            db.Proposals.Add(proposal);
        }
        else
        {
            // The version the form was opened on is the one the database must still hold.
            db.Entry(proposal).Property(p => p.Version).OriginalValue = form.Version;
        }
        var before = creating ? null : Describe(proposal);
        var p = proposal;
        (p.Title, p.TypeId, p.Format, p.Layout, p.LengthMinutes, p.SubthemeId) = (valid.Title, valid.Type.Id, valid.Format, valid.Layout, valid.LengthMinutes, valid.SubthemeId);
        (p.Tags, p.Description, p.PolicyQuestions, p.ExpectedOutcomes, p.OnlineEngagement) = (form.Tags, form.Description, form.PolicyQuestions, form.ExpectedOutcomes, form.OnlineEngagement);
        p.UpdatedAt = now;
        p.Version++;
        ApplySdgs(p, valid);
        ApplyFrameworks(p, form);
        ProposalSections.Apply(p, forum, form);
        var (toInvite, newOrganisers) = ApplyPeople(p, valid);

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancel);
            return await MeanwhileAsync(forum, p, cancel);
        }
        // The links need the rows' numbers, known once saved.
        await QueueSpeakerInvitationsAsync(forum, p, toInvite, now, cancel);
        await QueueOrganiserNoticesAsync(forum, p, newOrganisers, cancel);
        db.Record(user, clock, forum.Id, creating ? "proposal.create" : "proposal.change", $"proposal {p.Id}", before, Describe(p));
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        mailer.SendSoon();
        return ChangeResult<Proposal>.Done(p);
    }

    private static void ApplySdgs(Proposal p, ProposalForm.Checked valid)
    {
        foreach (var gone in p.Sdgs.Where(s => valid.Sdgs.All(v => v.Code != s.Code)).ToList())
        {
            p.Sdgs.Remove(gone);
        }
        foreach (var (code, reason) in valid.Sdgs)
        {
            if (p.Sdgs.FirstOrDefault(s => s.Code == code) is { } kept)
            {
                kept.Reason = reason;
            }
            else
            {
                p.Sdgs.Add(new ProposalSdg { ProposalId = p.Id, Code = code, Reason = reason });
            }
        }
    }

    /// <summary>The ticked objectives and action lines as the framework writes their codes ("c5" is C5); a framework not sent keeps its links.</summary>
    private static void ApplyFrameworks(Proposal p, ProposalForm form)
    {
        foreach (var framework in Frameworks.FrameworkCatalogue.All)
        {
            if (form.CodesFor(framework) is not { } sent)
            {
                continue;
            }
            var codes = sent.Select(c => Frameworks.FrameworkCatalogue.Canonical(framework, c)!).Distinct().ToList();
            p.FrameworkLinks.RemoveAll(l => l.Framework == framework && !codes.Contains(l.Code));
            p.FrameworkLinks.AddRange(codes.Where(c => p.FrameworkLinks.All(l => l.Framework != framework || l.Code != c))
                .Select(c => new Frameworks.ProposalFrameworkLink { ProposalId = p.Id, Framework = framework, Code = c }));
        }
    }

    /// <summary>People matched by role and address keep their row; the speakers to ask (new, or asked again for a changed mode) and the new co-organisers.</summary>
    private (List<ProposalPerson> ToInvite, List<ProposalPerson> NewOrganisers) ApplyPeople(Proposal p, ProposalForm.Checked valid)
    {
        var unmatched = p.People.ToList();
        var toInvite = new List<ProposalPerson>();
        var newOrganisers = new List<ProposalPerson>();
        var position = 0;
        foreach (var (kind, name, email, mode) in valid.People)
        {
            position++;
            var existing = unmatched.FirstOrDefault(x => x.Kind == kind && string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                unmatched.Remove(existing);
                (existing.Name, existing.Position) = (name, position);
                if (existing.Mode != mode)
                {
                    existing.Mode = mode;
                    if (kind == SessionRoleKind.Speaker)
                    {
                        // The speaker confirmed another mode: they are asked again.
                        (existing.Answer, existing.AnsweredAt) = (SpeakerAnswer.Pending, null);
                        toInvite.Add(existing);
                    }
                }
                continue;
            }
            var added = new ProposalPerson { ProposalId = p.Id, Kind = kind, Name = name, Email = email, Mode = mode, Position = position };
            p.People.Add(added);
            if (kind == SessionRoleKind.Speaker)
            {
                toInvite.Add(added);
            }
            else if (kind == SessionRoleKind.Organiser)
            {
                newOrganisers.Add(added);
            }
        }
        foreach (var gone in unmatched)
        {
            p.People.Remove(gone);
            db.ProposalPeople.Remove(gone);
        }
        return (toInvite, newOrganisers);
    }

    /// <summary>Someone else saved meanwhile: nothing is written, and the refusal names who.</summary>
    private async Task<Refusal> MeanwhileAsync(Forum forum, Proposal proposal, CancellationToken cancel)
    {
        db.ChangeTracker.Clear();
        var last = await db.AuditLog.Where(e => e.ForumId == forum.Id && e.Subject == $"proposal {proposal.Id}").OrderByDescending(e => e.Id)
            .Select(e => e.Actor).FirstOrDefaultAsync(cancel);
        return Refusal.Meanwhile(L["Someone else ({0}) saved this proposal while you were editing it, so your changes are not saved yet. They are still in the form below; the version saved meanwhile is shown beside it. Compare the two, then save again to keep yours.", last ?? "?"]);
    }

    /// <summary>
    /// The form writes to whatever addresses it is given, so no address gets more speaker invitations a day than
    /// <see cref="InvitationsPerAddressPerDay"/>, whoever sends them: a person named in a few proposals (the screening
    /// allows three) is asked by each, and the form cannot be used to flood a stranger's inbox.
    /// </summary>
    private async Task<Refusal> OverInvitedAsync(Proposal? proposal, ProposalForm.Checked valid, CancellationToken cancel)
    {
        var refusal = new Refusal();
        var asked = proposal?.People.Where(x => x.Kind == SessionRoleKind.Speaker).Select(x => (x.Email.ToUpperInvariant(), x.Mode)).ToHashSet() ?? [];
        var number = 0;
        foreach (var (kind, _, email, mode) in valid.People)
        {
            if (kind != SessionRoleKind.Speaker)
            {
                continue;
            }
            number++;
            // Only a new speaker, or one asked again for a changed mode, gets a message from this save.
            if (!asked.Contains((email.ToUpperInvariant(), mode))
                && await mailer.CountRecentAsync(email, SpeakerPurpose, TimeSpan.FromDays(1), cancel) >= InvitationsPerAddressPerDay)
            {
                refusal.Add($"speaker-{number}-email", L["Speaker {0}: {1} has already been asked to speak {2} times in the last 24 hours, the most Plenary sends to one address in a day. Nothing is saved yet: keep this page, and save again tomorrow or without this speaker.", number, email, InvitationsPerAddressPerDay]);
            }
        }
        return refusal;
    }

    private async Task QueueSpeakerInvitationsAsync(Forum forum, Proposal p, List<ProposalPerson> speakers, DateTime now, CancellationToken cancel)
    {
        var languages = await LanguagesAsync(speakers.Select(s => s.Email), cancel);
        foreach (var speaker in speakers)
        {
            var code = speaker.NewCode(now);
            var link = ProposalLinks.Speaker(speaker.Id) + $"?code={code}";
            var (title, forumName, proposer, mode) = (p.Title, forum.Name, p.ProposerName, speaker.Mode);
            mailer.Queue(speaker.Email, languages.GetValueOrDefault(speaker.Email.ToUpperInvariant()) ?? Infrastructure.Localization.LocalizationSetup.CurrentUiCulture, SpeakerPurpose, l =>
                new MailContent(l["Will you speak at {0}?", forumName],
                [
                    l["Hello {0},", speaker.Name],
                    l["{0} proposes a session for {1}, “{2}”, and names you as a speaker ({3}).", proposer, forumName, title, l.Label(mode)],
                    l["Please open the link below to confirm or decline, and to say whether you will take part onsite or online. The link works once."],
                    l["If you do not know this proposal, decline it or ignore this message."],
                ], l["Answer the invitation"], link));
        }
    }

    private async Task QueueOrganiserNoticesAsync(Forum forum, Proposal p, List<ProposalPerson> organisers, CancellationToken cancel)
    {
        var languages = await LanguagesAsync(organisers.Select(s => s.Email), cancel);
        foreach (var organiser in organisers)
        {
            var (title, forumName, proposer, link) = (p.Title, forum.Name, p.ProposerName, ProposalLinks.Proposal(forum.Slug, p.Id));
            mailer.Queue(organiser.Email, languages.GetValueOrDefault(organiser.Email.ToUpperInvariant()) ?? Infrastructure.Localization.LocalizationSetup.CurrentUiCulture, OrganiserPurpose, l =>
                new MailContent(l["You co-organise a proposal for {0}", forumName],
                [
                    l["Hello {0},", organiser.Name],
                    l["{0} names you as co-organiser of “{1}”, a session proposal for {2}. You can change it together until the call closes.", proposer, title, forumName],
                    l["Sign in to Plenary with this address (or create an account with it) to open the proposal."],
                ], l["See the proposal"], link));
        }
    }

    /// <summary>The language of each address's account, when it has one.</summary>
    private async Task<Dictionary<string, string>> LanguagesAsync(IEnumerable<string> emails, CancellationToken cancel)
    {
        var normalized = emails.Select(e => e.ToUpperInvariant()).ToList();
        return await db.Users.Where(a => normalized.Contains(a.NormalizedEmail!)).Select(a => new { a.NormalizedEmail, a.PreferredLanguage })
            .ToDictionaryAsync(a => a.NormalizedEmail!, a => a.PreferredLanguage, cancel);
    }

    private static object Describe(Proposal p) => new
    {
        p.Title, p.TypeId, Format = p.Format.ToString(), Layout = p.Layout.ToString(), p.LengthMinutes, p.SubthemeId, p.Version,
        People = p.People.OrderBy(x => x.Kind).ThenBy(x => x.Position).Select(x => $"{x.Kind}: {x.Name} <{x.Email}> {x.Mode}").ToList(),
        Sdgs = p.Sdgs.Select(s => s.Code).Order(SdgOrder.Instance).ToList(),
        Frameworks = p.FrameworkLinks.OrderBy(l => l.Framework).ThenBy(l => Frameworks.FrameworkCatalogue.Position(l.Framework, l.Code))
            .Select(l => Frameworks.FrameworkCatalogue.SlugOf(l.Framework) + ":" + l.Code).ToList(),
    };
}
