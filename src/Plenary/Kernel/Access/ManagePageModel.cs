using Plenary.Features.Proposals;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;

namespace Plenary.Kernel.Access;

/// <summary>A page of a forum's workspace, its forum loaded and allowed by the policy the page declares.</summary>
public abstract class ManagePageModel(PlenaryDb db) : ForumPageModel(db)
{
    public Dictionary<string, string> Errors { get; } = [];

    protected int Account => User.AccountId() ?? 0;
}

/// <summary>A page about one session, loaded and allowed by the <see cref="SessionPolicyAttribute"/> the page declares.</summary>
public abstract class SessionPageModel(PlenaryDb db) : ForumPageModel(db)
{
    public Session Session { get; internal set; } = null!;
}

/// <summary>A page about one proposal, loaded and allowed by the <see cref="ProposalPolicyAttribute"/> the page declares.</summary>
public abstract class ProposalPageModel(PlenaryDb db) : ForumPageModel(db)
{
    /// <summary>Null on a page starting a proposal (<see cref="ProposalPolicyAttribute.OrNew"/>) until it is first saved.</summary>
    public Proposal? Proposal { get; protected internal set; }
}
