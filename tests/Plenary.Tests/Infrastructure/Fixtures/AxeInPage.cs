using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>axe-core run in the page itself, asked for its violations.</summary>
/// <remarks>
/// The package's <c>RunAxe</c> runs axe in parts and assembles the result in a new blank page, which it opens and
/// closes for every check: a new browser context, a renderer process and axe's 550 kB compiled again each time, for
/// cross-origin frames that Plenary's pages do not have (its CSP forbids framing). <c>axe.run</c> in the page applies
/// the same rules to the same document and returns the same violations; only the detail of the rules passed is left out,
/// which no test reads.
/// </remarks>
public static class AxeInPage
{
    private static readonly AxeRunOptions ViolationsOnly = new() { Iframes = true, ResultTypes = [ResultType.Violations] };

    public static async Task<AxeResult> RunAxeInPageAsync(this IPage page)
    {
#pragma warning disable CS0618 // "legacy" is the package's name for axe.run in the page; see the remarks.
        return await page.RunAxeLegacy(options: ViolationsOnly);
#pragma warning restore CS0618
    }

    /// <summary>Each violation as one line: the rule, its impact, what it asks and the first three places it is broken.</summary>
    public static async Task<List<string>> AxeViolationsAsync(this IPage page) =>
        (await page.RunAxeInPageAsync()).Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
}
