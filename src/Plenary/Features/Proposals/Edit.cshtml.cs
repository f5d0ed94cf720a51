using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Proposals;

/// <summary>
/// A proposal: written, saved as a draft and handed in by its proposer and co-organisers together, read by the
/// Secretariat. "new" starts one. Saving over a version someone else saved meanwhile is refused and shows both.
/// </summary>
[Authorize]
public sealed class EditModel(PlenaryDb db, ProposalStates states, Screening screening, Mailer mailer, SdgCatalogue sdgs, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ForumPageModel(db)
{
    public const string SpeakerPurpose = "proposal-speaker";
    public const int InvitationsPerAddressPerDay = 5;
    public const string OrganiserPurpose = "proposal-organiser";

    [BindProperty] public ProposalForm Form { get; set; } = new();
    [BindProperty] public string? WithdrawReason { get; set; }

    public Proposal? Proposal { get; private set; }

    /// <summary>Set on a refused save: the version someone else saved meanwhile, shown beside the form that keeps one's own.</summary>
    public Proposal? SavedMeanwhile { get; private set; }
    public Call? Call { get; private set; }
    public bool MayEdit { get; private set; }
    public bool CallOpen { get; private set; }
    public string? CallClosed { get; private set; }
    public ForumClock Zone { get; private set; } = null!;
    public List<Finding> Findings { get; private set; } = [];
    public List<ProposalEvent> History { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public SdgCatalogue Sdgs { get; } = sdgs;
    public string? Done { get; private set; }
    public (string Name, string? Billing, string? Groups)? Proposer { get; private set; }

    public bool CanChange => MayEdit && CallOpen && (Proposal is null || ProposalStates.Editable(Proposal.State));

    public async Task<IActionResult> OnGetAsync(string forum, string id, string? done)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (Proposal is not null)
        {
            Form = ProposalForm.From(Proposal, Forum);
        }
        Done = done switch
        {
            "saved" => L["The proposal is saved as it stands. Hand it in before the call closes."].Value,
            "submitted" => Proposal?.State == ProposalState.ScreenedOut
                ? L["The proposal was handed in but did not pass the screening. The reasons are below: mend it and hand it in again before the call closes."].Value
                : L["The proposal is handed in. You can still change it until the call closes."].Value,
            "withdrawn" => L["The proposal is withdrawn."].Value,
            _ => null,
        };
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync(string forum, string id)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (await SaveAsync() is { } refused)
        {
            return refused;
        }
        return Redirect(ProposalLinks.Proposal(Forum.Slug, Proposal!.Id) + "?done=saved");
    }

    public async Task<IActionResult> OnPostSubmitAsync(string forum, string id)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (await SaveAsync() is { } refused)
        {
            return refused;
        }
        var cancel = HttpContext.RequestAborted;
        var outcome = await states.SubmitAsync(Forum, Call!, Proposal!, User, cancel);
        if (outcome.Refusal is not null)
        {
            Errors[""] = outcome.Refusal;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        await Db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return Redirect(ProposalLinks.Proposal(Forum.Slug, Proposal!.Id) + "?done=submitted");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string forum, string id)
    {
        if (await LoadAsync(forum, id) is { } answer)
        {
            return answer;
        }
        if (Proposal is null)
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        var cancel = HttpContext.RequestAborted;
        if (!ProposalStates.Allowed[Proposal.State].Contains(ProposalState.Withdrawn))
        {
            Errors[""] = L["This proposal is {0} and can no longer be withdrawn.", ProposalStates.StateLabel(L, Proposal.State)];
            Response.StatusCode = StatusCodes.Status409Conflict;
            Form = ProposalForm.From(Proposal, Forum);
            return await ShowAsync();
        }
        if (WithdrawReason is { Length: > 2_000 })
        {
            Errors["withdraw-reason"] = L["Shorten this to at most {0} characters.", 2_000];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Form = ProposalForm.From(Proposal, Forum);
            return await ShowAsync();
        }
        await states.WithdrawAsync(Forum, Proposal, User, WithdrawReason, cancel);
        await Db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return Redirect(ProposalLinks.Proposal(Forum.Slug, Proposal.Id) + "?done=withdrawn");
    }

    /// <summary>Null when the visitor may be here; the proposal (tracked, with people and SDGs) and the call are loaded.</summary>
    private async Task<IActionResult?> LoadAsync(string forum, string id)
    {
        var cancel = HttpContext.RequestAborted;
        if (!await LoadForumAsync(forum))
        {
            return NotFound();
        }
        Call = await Db.Calls.FirstOrDefaultAsync(c => c.ForumId == Forum.Id, cancel);
        var now = clock.GetUtcNow().UtcDateTime;
        CallOpen = Call?.IsOpenAt(now) == true;
        Zone = await states.ZoneOfAsync(User, Forum, cancel);
        if (Call is not null && !CallOpen)
        {
            CallClosed = await states.CallClosedAsync(Forum, Call, User, now, cancel);
        }
        if (id == "new")
        {
            if (Call is null)
            {
                return NotFound();
            }
            MayEdit = true;
            return null;
        }
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || await Db.Proposals.AsTracking().Include(p => p.People).Include(p => p.Sdgs).AsSplitQuery()
                .FirstOrDefaultAsync(p => p.Id == number && p.ForumId == Forum.Id, cancel) is not { } proposal)
        {
            return NotFound();
        }
        Proposal = proposal;
        MayEdit = await Db.MayEditProposalAsync(User, proposal, cancel);
        if (!MayEdit && !await Db.RunsForumAsync(User, Forum.Id, cancel))
        {
            return Forbid();
        }
        if (!MayEdit && Request.Method == HttpMethods.Post)
        {
            // The Secretariat reads proposals; only their authors change them.
            return Forbid();
        }
        return null;
    }

    /// <summary>Checks and applies the form, with speakers and co-organisers written to; null when saved.</summary>
    private async Task<IActionResult?> SaveAsync()
    {
        var cancel = HttpContext.RequestAborted;
        if (Call is null)
        {
            return NotFound();
        }
        if (!CallOpen)
        {
            Errors[""] = CallClosed!;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        if (Proposal is not null && !ProposalStates.Editable(Proposal.State))
        {
            Errors[""] = L["This proposal is {0} and can no longer be changed.", ProposalStates.StateLabel(L, Proposal.State)];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync();
        }
        var valid = Form.Check(Forum, Call, Sdgs, Errors, L);
        if (valid is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        if (Proposal is not null && Form.Version != Proposal.Version)
        {
            return await ConflictAsync();
        }
        if (await OverInvitedAsync(valid, cancel))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return await ShowAsync();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var creating = Proposal is null;
        if (Proposal is null)
        {
            var account = User.AccountId();
            var name = await (from a in Db.Users join person in Db.People on a.PersonId equals person.Id where a.Id == account select person.Name).FirstOrDefaultAsync(cancel) ?? "?";
            Proposal = new Proposal { ForumId = Forum.Id, ProposerId = account, ProposerName = name, Title = valid.Title, CreatedAt = now, State = ProposalState.Draft };
            Db.Proposals.Add(Proposal);
        }
        else
        {
            // The version the form was opened on is the one the database must still hold.
            Db.Entry(Proposal).Property(p => p.Version).OriginalValue = Form.Version;
        }
        var before = creating ? null : Describe(Proposal);
        var p = Proposal;
        (p.Title, p.TypeId, p.Format, p.Layout, p.LengthMinutes, p.SubthemeId) = (valid.Title, valid.Type.Id, valid.Format, valid.Layout, valid.LengthMinutes, valid.SubthemeId);
        (p.Tags, p.Description, p.PolicyQuestions, p.ExpectedOutcomes, p.OnlineEngagement) = (Form.Tags, Form.Description, Form.PolicyQuestions, Form.ExpectedOutcomes, Form.OnlineEngagement);
        p.UpdatedAt = now;
        p.Version++;

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
            Db.ProposalPeople.Remove(gone);
        }

        await using var transaction = await Db.Database.BeginTransactionAsync(cancel);
        try
        {
            await Db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancel);
            return await ConflictAsync();
        }
        // The links need the rows' numbers, known once saved.
        await QueueSpeakerInvitationsAsync(p, toInvite, now, cancel);
        await QueueOrganiserNoticesAsync(p, newOrganisers, cancel);
        Db.Record(User, clock, Forum.Id, creating ? "proposal.create" : "proposal.change", $"proposal {p.Id}", before, Describe(p));
        await Db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        mailer.SendSoon();
        return null;
    }

    /// <summary>Someone else saved meanwhile: nothing is written; the form keeps this visitor's text and the page shows the other version.</summary>
    private async Task<IActionResult> ConflictAsync()
    {
        var cancel = HttpContext.RequestAborted;
        Db.ChangeTracker.Clear();
        SavedMeanwhile = await Db.Proposals.Include(p => p.People).Include(p => p.Sdgs).AsSplitQuery().FirstAsync(p => p.Id == Proposal!.Id, cancel);
        Proposal = SavedMeanwhile;
        var last = await Db.AuditLog.Where(e => e.ForumId == Forum.Id && e.Subject == $"proposal {Proposal.Id}").OrderByDescending(e => e.Id)
            .Select(e => e.Actor).FirstOrDefaultAsync(cancel);
        Errors[""] = L["Someone else ({0}) saved this proposal while you were editing it, so your changes are not saved yet. They are still in the form below; the version saved meanwhile is shown beside it. Compare the two, then save again to keep yours.", last ?? "?"];
        // Saving again is a deliberate choice over the version now seen.
        Form.Version = SavedMeanwhile.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync();
    }

    /// <summary>
    /// The form writes to whatever addresses it is given, so no address gets more speaker invitations a day than
    /// <see cref="InvitationsPerAddressPerDay"/>, whoever sends them: a person named in a few proposals (the screening
    /// allows three) is asked by each, and the form cannot be used to flood a stranger's inbox.
    /// </summary>
    private async Task<bool> OverInvitedAsync(ProposalForm.Checked valid, CancellationToken cancel)
    {
        var asked = Proposal?.People.Where(x => x.Kind == SessionRoleKind.Speaker).Select(x => (x.Email.ToUpperInvariant(), x.Mode)).ToHashSet() ?? [];
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
                Errors[$"speaker-{number}-email"] = L["Speaker {0}: {1} has already been asked to speak {2} times in the last 24 hours, the most Plenary sends to one address in a day. Nothing is saved yet: keep this page, and save again tomorrow or without this speaker.", number, email, InvitationsPerAddressPerDay];
            }
        }
        return Errors.Count > 0;
    }

    private async Task QueueSpeakerInvitationsAsync(Proposal p, List<ProposalPerson> speakers, DateTime now, CancellationToken cancel)
    {
        var languages = await LanguagesAsync(speakers.Select(s => s.Email), cancel);
        foreach (var speaker in speakers)
        {
            var code = speaker.NewCode(now);
            var link = ProposalLinks.Speaker(speaker.Id) + $"?code={code}";
            var (title, forumName, proposer, mode) = (p.Title, Forum.Name, p.ProposerName, speaker.Mode);
            mailer.Queue(speaker.Email, languages.GetValueOrDefault(speaker.Email.ToUpperInvariant()) ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, SpeakerPurpose, l =>
                new MailContent(l["Will you speak at {0}?", forumName],
                [
                    l["Hello {0},", speaker.Name],
                    l["{0} proposes a session for {1}, “{2}”, and names you as a speaker ({3}).", proposer, forumName, title, l.Label(mode)],
                    l["Please open the link below to confirm or decline, and to say whether you will take part onsite or online. The link works once."],
                    l["If you do not know this proposal, decline it or ignore this message."],
                ], l["Answer the invitation"], link));
        }
    }

    private async Task QueueOrganiserNoticesAsync(Proposal p, List<ProposalPerson> organisers, CancellationToken cancel)
    {
        var languages = await LanguagesAsync(organisers.Select(s => s.Email), cancel);
        foreach (var organiser in organisers)
        {
            var (title, forumName, proposer, link) = (p.Title, Forum.Name, p.ProposerName, ProposalLinks.Proposal(Forum.Slug, p.Id));
            mailer.Queue(organiser.Email, languages.GetValueOrDefault(organiser.Email.ToUpperInvariant()) ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, OrganiserPurpose, l =>
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
        return await Db.Users.Where(a => normalized.Contains(a.NormalizedEmail!)).Select(a => new { a.NormalizedEmail, a.PreferredLanguage })
            .ToDictionaryAsync(a => a.NormalizedEmail!, a => a.PreferredLanguage, cancel);
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var account = User.AccountId();
        var proposerId = Proposal?.ProposerId ?? account;
        var profile = await (from a in Db.Users join p in Db.People on a.PersonId equals p.Id where a.Id == proposerId select p).FirstOrDefaultAsync(cancel);
        if (profile is not null)
        {
            var groups = string.Join(", ", new[] { profile.StakeholderGroup is { } s ? L.Label(s) : null, profile.RegionalGroup is { } r ? L.Label(r) : null }.OfType<string>());
            Proposer = (profile.DisplayName, profile.Billing, groups.Length == 0 ? null : groups);
        }
        if (Proposal is not null)
        {
            History = await Db.ProposalHistory.Where(e => e.ProposalId == Proposal.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancel);
            if (Call is not null && CallOpen && ProposalStates.Editable(Proposal.State))
            {
                Findings = await screening.CheckAsync(Forum, Call, Proposal, cancel);
            }
        }
        return Page();
    }

    private static object Describe(Proposal p) => new
    {
        p.Title, p.TypeId, Format = p.Format.ToString(), Layout = p.Layout.ToString(), p.LengthMinutes, p.SubthemeId, p.Version,
        People = p.People.OrderBy(x => x.Kind).ThenBy(x => x.Position).Select(x => $"{x.Kind}: {x.Name} <{x.Email}> {x.Mode}").ToList(),
        Sdgs = p.Sdgs.Select(s => s.Code).Order(SdgOrder.Instance).ToList(),
    };
}
