using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Features.Proposals;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Reviews;

/// <summary>A decision on the proposals ticked in the ranking, with the reason their proposers read.</summary>
public sealed class DecisionForm
{
    public const int MaxReason = 5_000;

    /// <summary>The decisions the ranking offers; the other states come from screening and the proposer.</summary>
    public static readonly ProposalState[] States = [ProposalState.Accepted, ProposalState.Waitlisted, ProposalState.Rejected];

    public List<int> Selected { get; set; } = [];
    public string? Decision { get; set; }
    public string? Reason { get; set; }

    /// <summary>The decision once the validator passed the form.</summary>
    public ProposalState State => EnumValue.Parse<ProposalState>(Decision)!.Value;

    public string TrimmedReason => Reason?.Trim() ?? "";
}

public sealed class DecisionFormValidator : AbstractValidator<DecisionForm>
{
    public DecisionFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Selected).Field("selected").NotEmpty().WithMessage(_ => L["Tick the proposals to decide on."]);
        RuleFor(f => f.Decision).Field("decision")
            .Must(d => EnumValue.Parse<ProposalState>(d) is { } state && DecisionForm.States.Contains(state))
            .WithMessage(_ => L["Choose a decision: accept, waitlist or reject."]);
        RuleFor(f => f.TrimmedReason).Field("reason")
            .NotEmpty().WithMessage(_ => L["Give the reason the proposers will read."])
            .Must(reason => reason.Length <= DecisionForm.MaxReason).WithMessage(_ => L["Shorten the reason to at most {0} characters.", DecisionForm.MaxReason]);
    }
}
