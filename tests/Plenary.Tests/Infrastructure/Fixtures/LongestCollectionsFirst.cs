using Xunit.Abstractions;

// xUnit's default ("conservative") scheduling runs as many collections at once as MaxParallelThreads allows, starting them
// in the orderer's order. The two shared collections are the longest chains by far (about 1,150 tests and seven and a half
// minutes each on CI's two cores), the browser collection the third (95 tests, four and a half minutes): drawn
// late, as PostgreSQL's was (it started when SQLite's ended), one of them ran alone for its whole length. Three at a
// time: the three long chains side by side from the start, then the ~150 collections of one class each through the slots
// they free, so that a test waiting on a database, a child process or LibreOffice leaves a core to another collection.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
[assembly: TestCollectionOrderer("Plenary.Tests.Infrastructure.Fixtures.LongestCollectionsFirst", "Plenary.Tests")]

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>The shared SQLite, PostgreSQL and browser collections first, every other collection after them in the order found.</summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest = ["sqlite", "postgres", "browser"];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length);
}
