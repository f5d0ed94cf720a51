using Microsoft.AspNetCore.Authorization;

namespace Plenary.Kernel.Access;

/// <summary>
/// A page's policy, declared on its model. Also a plain <c>[Authorize]</c>, so someone not signed in is sent to sign in
/// before anything is looked up; <see cref="AccessPageFilter"/> then loads what the route names and applies the policy to it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class AccessAttribute(string policy) : Attribute, IAuthorizeData
{
    public string Name { get; } = policy;

    /// <summary>
    /// A stricter policy its POST handlers need as well, asked about the same forum, session or proposal (the Secretariat
    /// reads a proposal, only its authors change it). A GET learns whether the visitor passes it from <see cref="Features.Shared.ForumPageModel.MayChange"/>.
    /// </summary>
    public string? ToChange { get; set; }

    /// <summary>
    /// The forum is taken from memory as the kept pages take it (<see cref="Features.Forums.KeptForums"/>: a change on any
    /// instance counts as soon as its eviction is heard), not read again: for the forum's busiest writes (a check-in at
    /// the door, a rapporteur's takeaways), which read the forum, five queries, and never change it.
    /// </summary>
    public bool KeptForum { get; set; }

    // Left empty: the named policy needs the loaded forum or session, which the authorization middleware does not have.
    string? IAuthorizeData.Policy { get => null; set { } }
    string? IAuthorizeData.Roles { get => null; set { } }
    string? IAuthorizeData.AuthenticationSchemes { get => null; set { } }
}

/// <summary>The page works on the forum of its route (<c>{forum}</c>); the policy is asked about that forum.</summary>
public sealed class ForumPolicyAttribute(string policy) : AccessAttribute(policy);

/// <summary>The page works on one session (<c>{forum}</c> and <c>{key}</c>); the policy is asked about that session.</summary>
public sealed class SessionPolicyAttribute(string policy) : AccessAttribute(policy)
{
    /// <summary>For pages that change the session: it is loaded tracked, so saving writes what was changed in it.</summary>
    public bool Tracked { get; set; }

    /// <summary>
    /// For pages that read the forum and need of the session only its name, times and status, not its record (the live
    /// page, opened and reloaded by every participant of a running session): the session is loaded with its type alone,
    /// one query instead of the record's dozen, and the forum is taken from memory as the kept pages take it
    /// (<see cref="Features.Forums.KeptForums"/>: a change on this instance counts at once, on another within a minute).
    /// </summary>
    public bool HeadOnly { get; set; }

    /// <summary>
    /// For the rapporteur's page, which shows and writes a session's outputs and nothing else of its record: the session
    /// is loaded tracked with its type, reports and takeaways, two queries instead of the record's ten (<see cref="Features.Sessions.SessionQueries.FindSessionOutputsAsync"/>). A takeaway submission read
    /// the whole record, most of its statements; a handler that needs more of it loads that part itself.
    /// </summary>
    public bool OutputsOnly { get; set; }
}

/// <summary>
/// The page works on one proposal (<c>{forum}</c> and <c>{id}</c>), loaded with its people and SDGs; the policy is asked
/// about that proposal.
/// </summary>
public sealed class ProposalPolicyAttribute(string policy) : AccessAttribute(policy)
{
    /// <summary>The page also starts proposals at <c>{id}</c> "new": anyone signed in may, and nothing is loaded.</summary>
    public bool OrNew { get; set; }

    /// <summary>For pages that change the proposal: it is loaded tracked, so saving writes what was changed in it.</summary>
    public bool Tracked { get; set; }
}

/// <summary>
/// Endpoint metadata: the policy a minimal API endpoint applies, and what it is asked about: the forum or the session of
/// its route, or nothing (the site's own administration).
/// </summary>
public sealed record EndpointPolicy(string Name, Type? About);
