using Plenary.Kernel.Links;

namespace Plenary.Features.Proposals;

/// <summary>The proposal's address, "/{forum}/proposals/{id}", written here once, and the call's pages.</summary>
public static class ProposalLinks
{
    /// <summary>"/igf2022/proposals": the proposer's list.</summary>
    public static string Mine(string forumSlug) => LinkPath.InForum(forumSlug, "proposals");

    /// <summary>"/igf2022/proposals/12": the proposal form.</summary>
    public static string Proposal(string forumSlug, int proposalId) => Mine(forumSlug) + "/" + LinkPath.Segment(proposalId);

    /// <summary>The form for a new proposal.</summary>
    public static string New(string forumSlug) => Mine(forumSlug) + "/new";

    /// <summary>The public call for proposals.</summary>
    public static string Call(string forumSlug) => LinkPath.InForum(forumSlug, "call");

    /// <summary>The Secretariat's settings of the call.</summary>
    public static string ManageCall(string forumSlug) => LinkPath.InForum(forumSlug, "manage/call");

    /// <summary>The Secretariat's list of proposals.</summary>
    public static string Manage(string forumSlug) => LinkPath.InForum(forumSlug, "manage/proposals");

    /// <summary>"/proposals/speakers/9": where an invited speaker confirms or declines (the code follows as a query).</summary>
    public static string Speaker(int speakerId) => "/proposals/speakers/" + LinkPath.Segment(speakerId);
}
