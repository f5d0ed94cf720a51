using Plenary.Features.Sdgs;

namespace Plenary.Tests.Features.Sdgs;

/// <summary>The Scopus-style evaluator on hand-made cases, each written the way the Aurora queries write it.</summary>
public sealed class SdgQueryTests
{
    private static IReadOnlyList<string> Match(string query, string text)
    {
        var terms = new SdgQueryTerms();
        var node = SdgQueryNode.Parse(query, terms);
        return node.Evidence(SdgText.Read(text), terms);
    }

    [Theory]
    [InlineData("\"broadband\"", "Broadband for all", true)]
    [InlineData("\"broadband\"", "Broad band for all", false)]
    [InlineData("\"decent work\"", "Decent   work, decent pay", true)]
    [InlineData("\"decent work\"", "work that is decent", false)]
    [InlineData("\"human well-being\"", "human well being matters", true)]
    [InlineData("\"women's rights\"", "Women’s rights online", true)]
    [InlineData("\"développement\"", "Le developpement durable", true)]
    public void Phrases_match_words_in_order_whatever_the_case_punctuation_or_accents(string query, string text, bool matches) =>
        (Match(query, text).Count > 0).ShouldBe(matches);

    [Theory]
    [InlineData("\"sustainab*\"", "Sustainability reports", "Sustainability")]
    [InlineData("\"develop* countr*\"", "in developing countries today", "developing countries")]
    [InlineData("\"child* labo*\"", "children labouring in mines", "children labouring")]
    public void A_star_ends_a_prefix_in_any_word_of_a_phrase(string query, string text, string evidence) =>
        Match(query, text).ShouldBe([evidence]);

    [Fact]
    public void A_star_needs_its_prefix()
    {
        Match("\"develop* countr*\"", "countries developing").ShouldBeEmpty();
        Match("\"industr*\"", "indus valley").ShouldBeEmpty();
    }

    [Fact]
    public void Or_matches_either_side_and_and_needs_both()
    {
        Match("( \"rural\" OR \"remote\" ) AND ( \"broadband\" )", "Remote villages need broadband.").ShouldBe(["Remote", "broadband"], ignoreOrder: true);
        Match("( \"rural\" OR \"remote\" ) AND ( \"broadband\" )", "Remote villages need roads.").ShouldBeEmpty();
    }

    [Fact]
    public void And_not_drops_a_match_when_the_excluded_words_are_there()
    {
        const string query = "( \"biodiversity\" ) AND ( \"polic*\" ) AND NOT ( \"marine\" OR \"ocean*\" )";
        Match(query, "Biodiversity policy on land").ShouldNotBeEmpty();
        Match(query, "Biodiversity policy for the oceans").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("( \"resilient\" ) W/3 ( \"infrastructure\" )", "resilient digital and physical infrastructure", true)]
    [InlineData("( \"resilient\" ) W/3 ( \"infrastructure\" )", "infrastructure that is made resilient", true)]
    [InlineData("( \"resilient\" ) W/3 ( \"infrastructure\" )", "resilient people build their own local public infrastructure", false)]
    [InlineData("( \"resilient\" ) PRE/3 ( \"infrastructure\" )", "infrastructure that is made resilient", false)]
    [InlineData("( \"resilient\" ) PRE/3 ( \"infrastructure\" )", "resilient public infrastructure", true)]
    [InlineData("\"rural\" W/1 \"road*\"", "rural feeder roads", true)]
    [InlineData("\"rural\" W/1 \"road*\"", "rural and remote roads", false)]
    public void Proximity_counts_the_words_between_either_way_or_in_order(string query, string text, bool matches) =>
        (Match(query, text).Count > 0).ShouldBe(matches);

    [Fact]
    public void Nested_proximity_measures_from_the_inner_match_as_sdg_9_writes_it()
    {
        // From query_SDG9.xml, target 9.1: ( ( "passenger*" OR "freight" ) W/3 ( "transport" ) ) AND ( "volume*" )
        const string query = "( ( \"passenger*\"  OR  \"freight\" )  W/3  ( \"transport\" ) )  AND  ( \"volume*\" )";
        Match(query, "Freight and passenger transport volumes grew.").ShouldBe(["passenger transport", "Freight and passenger transport", "volumes"], ignoreOrder: true);
        Match(query, "Freight grew, and so did transport volumes.").ShouldBeEmpty();
        Match("( \"rural\"  W/3  \"population*\"  W/3  \"road*\" )", "rural populations far from roads").ShouldNotBeEmpty();
    }

    [Fact]
    public void Or_binds_tighter_than_proximity_and_proximity_tighter_than_and()
    {
        // Read as "climate" W/3 ("fund" OR "money"), not ("climate" W/3 "fund") OR "money".
        Match("\"climate\" W/3 \"fund\" OR \"money\"", "money for schools").ShouldBeEmpty();
        Match("\"climate\" W/3 \"fund\" OR \"money\"", "climate money").ShouldNotBeEmpty();
        // Read as "a" AND ("b" W/1 "c").
        Match("\"water\" AND \"safe\" W/1 \"drinking\"", "safe and clean drinking water").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("( \"a\" ")]
    [InlineData("\"a\" W/ \"b\"")]
    [InlineData("\"a\" OR")]
    [InlineData("\"unclosed")]
    public void A_malformed_query_says_where(string query) =>
        Should.Throw<FormatException>(() => SdgQueryNode.Parse(query)).Message.ShouldContain("at character");

    [Fact]
    public void Every_aurora_file_parses_into_targets_of_its_own_goal()
    {
        var set = SdgQuerySet.Load(withPlenaryLines: false);
        set.Definitions.Select(d => d.Goal).Distinct().Order().ShouldBe(Enumerable.Range(1, 17));
        set.Definitions.Sum(d => d.Lines.Count).ShouldBe(378);
        set.Definitions.Where(d => d.Target is not null).ShouldAllBe(d => d.Target!.StartsWith(d.Goal + ".", StringComparison.Ordinal));
    }
}
