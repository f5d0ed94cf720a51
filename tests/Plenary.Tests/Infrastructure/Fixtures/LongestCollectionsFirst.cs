using Xunit.Abstractions;

// xUnit's default ("conservative") scheduling runs as many collections at once as MaxParallelThreads allows, starting them
// in the orderer's order. The two shared collections are the longest chains by far (about 940 tests and five minutes each
// on CI's two cores): drawn late, as PostgreSQL's was (it started when SQLite's ended), one of them ran alone for its whole
// length. Three at a time: the shared collections side by side from the start, the ~150 collections of one class each
// through the third slot and then all three, so that a test waiting on a database, a child process or LibreOffice leaves
// a core to another collection. The browser collection still runs alone, after all of them (BrowserCollection).
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
[assembly: TestCollectionOrderer("Plenary.Tests.Infrastructure.Fixtures.LongestCollectionsFirst", "Plenary.Tests")]

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>The shared SQLite and PostgreSQL collections first, every other collection after them in the order found.</summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest = ["sqlite", "postgres"];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length);
}
