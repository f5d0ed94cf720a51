using System.Text.RegularExpressions;

namespace Plenary.Tests.Kernel.Links;

/// <summary>
/// Every address of a page is written once, in its feature's <c>…Links</c> class; views, redirects, mails, feeds,
/// exports and the API call it. This reads the source and fails on a link put together by hand again, naming the file
/// and line, so that the next change of an address (or of its escaping) cannot miss a copy.
/// </summary>
public sealed partial class HandBuiltLinksTests
{
    private static readonly string SourceRoot = Path.Combine(RepositoryRoot(), "src", "Plenary");

    [Fact]
    public void No_view_builds_a_link_from_the_forum_slug_by_hand()
    {
        var found = Lines("*.cshtml")
            .Where(l => !l.Text.TrimStart().StartsWith("@page", StringComparison.Ordinal))
            .Where(l => AttributeFromSlug().IsMatch(l.Text) || SessionOrProposalInView().IsMatch(l.Text) || ConcatenatedPath().IsMatch(l.Text)
                // A view's code block builds addresses as code does.
                || InterpolatedFromSlug().IsMatch(l.Text) || InterpolatedSessionOrProposal().IsMatch(l.Text))
            .Select(l => l.Where).ToList();

        found.ShouldBeEmpty("Build these links with the feature's Links class (SessionLinks.Page(forum.Slug, s.Key), ProgrammeLinks.Page(…)…):\n"
            + string.Join('\n', found));
    }

    [Fact]
    public void No_code_builds_a_forum_session_or_proposal_address_by_hand()
    {
        var found = Lines("*.cs")
            .Where(l => !l.File.EndsWith("Links.cs", StringComparison.Ordinal) && !l.File.StartsWith(Path.Combine("Kernel", "Links"), StringComparison.Ordinal))
            // Stable identifiers (feed entry ids, c3voc guids) are names made once and kept for ever, whatever the address becomes.
            .Where(l => !l.Text.Contains("Uuid5(", StringComparison.Ordinal))
            .Where(l => InterpolatedFromSlug().IsMatch(l.Text) || InterpolatedSessionOrProposal().IsMatch(l.Text) || ConcatenatedPath().IsMatch(l.Text))
            .Select(l => l.Where).ToList();

        found.ShouldBeEmpty("Build these addresses with the feature's Links class (SessionLinks, ProposalLinks, ReportLinks…), "
            + "and absolute ones as PublicOrigin + that link:\n" + string.Join('\n', found));
    }

    [Fact]
    public void The_rule_catches_the_shapes_it_is_meant_to()
    {
        // The patterns above read the source; these lines are what they were written against (as the code was before).
        AttributeFromSlug().IsMatch("""<a href="/@forum.Slug/programme">""").ShouldBeTrue();
        InterpolatedFromSlug().IsMatch("""    var here = $"/{Model.Forum.Slug}/manage/messages/{Model.Subtheme.Slug}";""").ShouldBeTrue();
        AttributeFromSlug().IsMatch("""<form method="post" action="/@Model.Forum.Slug/proposals/@id/merge" class="inline">""").ShouldBeTrue();
        SessionOrProposalInView().IsMatch("""data-live="/@Model.Forum.Slug/sessions/@s.Key/live/events" """).ShouldBeTrue();
        ConcatenatedPath().IsMatch("""var here = "/" + forum.Slug + "/sessions/" + s.Key;""").ShouldBeTrue();
        InterpolatedFromSlug().IsMatch("""return Redirect($"/{Forum.Slug}/sessions/{Session.Key}/edit#people");""").ShouldBeTrue();
        InterpolatedFromSlug().IsMatch("""var url = $"{site}/{forum.Slug}/sessions/{s.Key}";""").ShouldBeTrue();
        InterpolatedSessionOrProposal().IsMatch("""public string SessionUrl(TimetableSlot slot) => $"{ForumUrl}/sessions/{slot.Key}";""").ShouldBeTrue();

        // Route templates and calls of the Links classes are not links built by hand.
        AttributeFromSlug().IsMatch("""<a href="@SessionLinks.Page(forum.Slug, e.Key)">""").ShouldBeFalse();
        InterpolatedFromSlug().IsMatch("""app.MapGet("/{forum}/sessions/{key}/live/events", async (string forum) => 1);""").ShouldBeFalse();
        InterpolatedSessionOrProposal().IsMatch("""exports.MapGet("/sessions/{key}/calendar.ics", Handler);""").ShouldBeFalse();
        InterpolatedFromSlug().IsMatch("""return Redirect(ReportLinks.Write(Forum.Slug, Session.Key) + $"?done={part}");""").ShouldBeFalse();
        InterpolatedFromSlug().IsMatch("""ApiProblems.NotFound("Session", $"{forum}/{key}");""").ShouldBeFalse();
    }

    private sealed record Line(string File, int Number, string Text)
    {
        public string Where => $"{File}:{Number}: {Text.Trim()}";
    }

    private static IEnumerable<Line> Lines(string pattern) =>
        Directory.EnumerateFiles(SourceRoot, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadLines(f).Select((text, i) => new Line(Path.GetRelativePath(SourceRoot, f), i + 1, text)));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Plenary.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the Plenary repository.");
    }

    /// <summary>An address in a view that starts with a Razor value: href="/@forum.Slug/…", action="/@…", data-live="/@…".</summary>
    [GeneratedRegex("""\b(?:href|action|formaction|src|data-[a-z-]+)="/@""")]
    private static partial Regex AttributeFromSlug();

    [GeneratedRegex("""/(?:sessions|proposals)/@""")]
    private static partial Regex SessionOrProposalInView();

    /// <summary>"/" + slug + "/…": a path glued together from a value.</summary>
    [GeneratedRegex("""["']/["']\s*\+""")]
    private static partial Regex ConcatenatedPath();

    /// <summary>$"/{Forum.Slug}/…" or $"{site}/{forum.Slug}…": an interpolated address starting with a value.</summary>
    [GeneratedRegex("""\$@?"(?:/\{|\{[^{}"]+\}/\{[^{}"]+\}/)""")]
    private static partial Regex InterpolatedFromSlug();

    /// <summary>$"…/sessions/{key}" or $"…/proposals/{id}" anywhere in an interpolated string.</summary>
    [GeneratedRegex("""\$@?"[^"]*/(?:sessions|proposals)/\{""")]
    private static partial Regex InterpolatedSessionOrProposal();
}
