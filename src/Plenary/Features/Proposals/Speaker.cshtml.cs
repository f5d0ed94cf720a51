using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Proposals;

/// <summary>
/// Where a speaker's e-mailed link lands: they confirm or decline, and say onsite or online. No account is needed
/// (the link is the credential); it answers once, and the proposer hears of the answer.
/// </summary>
/// <summary>A speaker's answer as the page posts it; the groups and gender are optional.</summary>
public sealed class SpeakerAnswerForm
{
    public string? Answer { get; set; }
    public string? Mode { get; set; }
    public string? Gender { get; set; }
    public string? StakeholderGroup { get; set; }
    public string? RegionalGroup { get; set; }

    public SpeakerAnswer? Answered => Answer switch { "Confirm" => SpeakerAnswer.Confirmed, "Decline" => SpeakerAnswer.Declined, _ => null };
}

public sealed class SpeakerAnswerFormValidator : AbstractValidator<SpeakerAnswerForm>
{
    public SpeakerAnswerFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Answered).Field("answer").NotNull().WithMessage(_ => L["Choose whether you confirm or decline."]);
        RuleFor(f => f.Mode).Field("mode").OneOf<SpeakerAnswerForm, ParticipationMode>().WithMessage(_ => L["Choose onsite or online."]);
        RuleFor(f => f.Gender).Field("gender").OneOf<SpeakerAnswerForm, Gender>().WithMessage(_ => L["Choose a gender from the list, or say nothing."])
            .When(f => !string.IsNullOrEmpty(f.Gender));
        RuleFor(f => f.StakeholderGroup).Field("stakeholder").OneOf<SpeakerAnswerForm, StakeholderGroup>()
            .WithMessage(_ => L["Choose a stakeholder group from the list."]).When(f => !string.IsNullOrEmpty(f.StakeholderGroup));
        RuleFor(f => f.RegionalGroup).Field("region").OneOf<SpeakerAnswerForm, RegionalGroup>()
            .WithMessage(_ => L["Choose a regional group from the list."]).When(f => !string.IsNullOrEmpty(f.RegionalGroup));
    }
}

[AllowAnonymous]
public sealed class SpeakerModel(PlenaryDb db, Mailer mailer, IValidator<SpeakerAnswerForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string? Gender { get; set; }
    [BindProperty] public string? StakeholderGroup { get; set; }
    [BindProperty] public string? RegionalGroup { get; set; }

    public ProposalPerson Speaker { get; private set; } = null!;
    public Proposal Proposal { get; private set; } = null!;
    public Forum Forum { get; private set; } = null!;
    public string? Refusal { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Set after answering.</summary>
    public SpeakerAnswer? Answered { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await FindAsync(id))
        {
            Mode = Speaker.Mode.ToString();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await FindAsync(id))
        {
            return Page();
        }
        var cancel = HttpContext.RequestAborted;
        var form = new SpeakerAnswerForm { Answer = Answer, Mode = Mode, Gender = Gender, StakeholderGroup = StakeholderGroup, RegionalGroup = RegionalGroup };
        if (await validator.RefusalAsync(form, cancel) is { IsEmpty: false } refused)
        {
            this.ShowRefusal(refused, Errors);
            return Page();
        }
        var (answer, mode) = (form.Answered, EnumValue.Parse<ParticipationMode>(Mode));
        var (gender, stakeholder, region) = (EnumValue.Parse<Gender>(Gender), EnumValue.Parse<StakeholderGroup>(StakeholderGroup), EnumValue.Parse<RegionalGroup>(RegionalGroup));
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Speaker.CodeHash;
        // One statement takes the link, so two presses or two tabs cannot both answer.
        var taken = await db.ProposalPeople.Where(x => x.Id == Speaker.Id && x.CodeHash == hash && x.AnsweredAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Answer, answer!.Value).SetProperty(x => x.Mode, mode!.Value)
                .SetProperty(x => x.AnsweredAt, (DateTime?)now).SetProperty(x => x.Gender, gender)
                .SetProperty(x => x.StakeholderGroup, stakeholder).SetProperty(x => x.RegionalGroup, region), cancel);
        if (taken == 0)
        {
            Refuse(StatusCodes.Status410Gone, L["This link has already been used to answer. If your plans changed, tell the proposer, who can invite you again."]);
            return Page();
        }
        await NotifyProposerAsync(answer!.Value, mode!.Value, cancel);
        await db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        Answered = answer;
        return Page();
    }

    private async Task NotifyProposerAsync(SpeakerAnswer answer, ParticipationMode mode, CancellationToken cancel)
    {
        var proposer = await db.Users.Where(a => a.Id == Proposal.ProposerId).Select(a => new { a.Email, a.PreferredLanguage }).FirstOrDefaultAsync(cancel);
        if (proposer?.Email is null)
        {
            return;
        }
        var (name, title, link) = (Speaker.Name, Proposal.Title, ProposalLinks.Proposal(Forum.Slug, Proposal.Id));
        mailer.Queue(proposer.Email, proposer.PreferredLanguage, ProposalStates.Purpose, l => new MailContent(
            answer == SpeakerAnswer.Confirmed ? l["{0} confirmed for “{1}”", name, title] : l["{0} declined “{1}”", name, title],
            [
                l["Hello,"],
                answer == SpeakerAnswer.Confirmed
                    ? l["{0} confirmed they will speak in your proposal “{1}” ({2}).", name, title, l.Label(mode)]
                    : l["{0} declined to speak in your proposal “{1}”. Check the proposal still meets the call's rules, and invite someone else if needed.", name, title],
            ], l["See the proposal"], link));
    }

    /// <summary>False (with the refusal set) for a wrong, spent, expired or withdrawn link.</summary>
    private async Task<bool> FindAsync(string id)
    {
        var cancel = HttpContext.RequestAborted;
        var found = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await db.ProposalPeople.FirstOrDefaultAsync(x => x.Id == number && x.Kind == SessionRoleKind.Speaker, cancel)
            : null;
        // An unknown number and a wrong code read the same, so the page tells nothing about other proposals.
        if (found is null || !found.Matches(Code))
        {
            Refuse(StatusCodes.Status400BadRequest, L["This link is not valid. Open the whole link from the message, or ask the proposer to invite you again."]);
            return false;
        }
        Speaker = found;
        Proposal = await db.Proposals.SingleAsync(p => p.Id == found.ProposalId, cancel);
        Forum = await db.Forums.SingleAsync(f => f.Id == Proposal.ForumId, cancel);
        ViewData[LayoutData.Forum] = Forum;
        if (found.LinkUsed)
        {
            Refuse(StatusCodes.Status410Gone, L["This link has already been used to answer. If your plans changed, tell the proposer, who can invite you again."]);
            return false;
        }
        if (Proposal.State == ProposalState.Withdrawn)
        {
            Refuse(StatusCodes.Status410Gone, L["This proposal has been withdrawn: there is nothing to answer."]);
            return false;
        }
        if (clock.GetUtcNow().UtcDateTime > found.InvitedAt + ProposalPerson.LinkLifetime)
        {
            Refuse(StatusCodes.Status410Gone, L["This link has expired. Ask the proposer to invite you again."]);
            return false;
        }
        return true;
    }

    private void Refuse(int status, string message)
    {
        Refusal = message;
        Response.StatusCode = status;
    }
}
