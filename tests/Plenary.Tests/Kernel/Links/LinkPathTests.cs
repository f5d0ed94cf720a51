using Plenary.Features.Proposals;
using Plenary.Features.Reports;
using Plenary.Features.Sessions;
using Plenary.Kernel.Links;

namespace Plenary.Tests.Kernel.Links;

/// <summary>The one place a value becomes a path segment, and the session and proposal addresses built on it.</summary>
public sealed class LinkPathTests
{
    [Fact]
    public void The_addresses_are_the_ones_the_pages_answer()
    {
        SessionLinks.Page("igf2022", "of-56").ShouldBe("/igf2022/sessions/of-56");
        SessionLinks.Edit("igf2022", "of-56").ShouldBe("/igf2022/sessions/of-56/edit");
        ReportLinks.Write("live", "th-160").ShouldBe("/live/sessions/th-160/report");
        ProposalLinks.Proposal("igf2022", 12).ShouldBe("/igf2022/proposals/12");
        SessionLinks.ApiRole("igf2022", "ws-7", 3).ShouldBe("/api/forums/igf2022/sessions/ws-7/roles/3");
    }

    [Fact]
    public void A_value_that_is_not_url_safe_stays_one_segment()
    {
        // Slugs and keys are URL-safe when made; one that is not must neither break the link nor add a path segment.
        LinkPath.Segment("a b/../c?d#e").ShouldBe("a%20b%2F..%2Fc%3Fd%23e");
        SessionLinks.Page("forum one", "ws/1").ShouldBe("/forum%20one/sessions/ws%2F1");
    }

    [Fact]
    public void A_url_safe_value_is_written_as_it_is()
    {
        LinkPath.Segment("igf-2022_x.y~z").ShouldBe("igf-2022_x.y~z");
        LinkPath.Segment(-1).ShouldBe("-1");
    }
}
