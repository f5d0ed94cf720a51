using Plenary.Features.Sdgs;

namespace Plenary.Tests.Features.Sdgs;

public sealed class SdgCatalogueTests
{
    private static readonly SdgCatalogue Catalogue = SdgCatalogue.Load();

    [Fact]
    public void Catalogue_has_17_goals_and_169_targets()
    {
        Catalogue.Goals.Count().ShouldBe(17);
        Catalogue.Targets.Count().ShouldBe(169);
        Catalogue.Goals.Select(g => g.Number).ShouldBe(Enumerable.Range(1, 17));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ar")]
    [InlineData("ru")]
    [InlineData("zh-Hans")]
    public void Every_goal_and_target_has_a_title_in_each_un_language(string language)
    {
        foreach (var goal in Catalogue.Goals)
        {
            goal.Titles.ContainsKey(language).ShouldBeTrue(language);
            goal.Titles[language].ShouldNotBeNullOrWhiteSpace();
            goal.ShortNames[language].ShouldNotBeNullOrWhiteSpace();
        }
        foreach (var target in Catalogue.Targets)
        {
            target.Titles.ContainsKey(language).ShouldBeTrue(target.Code);
            target.Titles[language].ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [InlineData("fr", 4, "Assurer à tous une éducation équitable")]
    [InlineData("es", 4, "educación")]
    [InlineData("ru", 4, "на протяжении всей жизни")]
    public void Texts_are_composed_as_readers_type_them(string language, int goal, string typed)
    {
        // A literal typed here is composed (NFC); the source files are not, and a plain comparison would miss it.
        var texts = Catalogue.Goals.SelectMany(g => g.Targets.Select(t => t.Titles[language]).Append(g.Titles[language]).Append(g.ShortNames[language])).ToList();

        texts.Where(t => !t.IsNormalized(System.Text.NormalizationForm.FormC)).ShouldBeEmpty();
        Catalogue.Goals.Single(g => g.Number == goal).Titles[language].ShouldContain(typed, Case.Insensitive);
    }

    [Fact]
    public void Targets_use_official_codes_and_un_metadata_uris()
    {
        var target = Catalogue.FindTarget("9.c").ShouldNotBeNull();

        target.Goal.ShouldBe(9);
        target.MetadataUri.ShouldBe("http://metadata.un.org/sdg/9.c");
        Catalogue.FindGoal(9)!.MetadataUri.ShouldBe("http://metadata.un.org/sdg/9");
        target.Title("en").ShouldStartWith("Significantly increase access to information and communications technology");
        Catalogue.Targets.ShouldAllBe(t => t.Code.StartsWith($"{t.Goal}."));
    }

    [Fact]
    public void Titles_differ_by_language()
    {
        var goal = Catalogue.FindGoal(5)!;

        goal.ShortName("en").ShouldBe("Gender equality");
        goal.ShortName("fr").ShouldNotBe(goal.ShortName("en"));
        goal.ShortName("ar").ShouldNotBe(goal.ShortName("en"));
    }

    [Fact]
    public void Unknown_goal_or_target_is_null()
    {
        Catalogue.FindGoal(0).ShouldBeNull();
        Catalogue.FindGoal(18).ShouldBeNull();
        Catalogue.FindTarget("9.z").ShouldBeNull();
    }
}
