using System.Globalization;
using System.Net.Http.Headers;
using Plenary.Features.People;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.People;

/// <summary>Country lists name every country, in the reader's language, not in the country's own.</summary>
public sealed class CountriesTests
{
    [Theory]
    [InlineData("en", "AL", "Albania")]
    [InlineData("fr", "AL", "Albanie")]
    [InlineData("fr", "AE", "Émirats Arabes Unis")]
    [InlineData("es", "DE", "Alemania")]
    [InlineData("ru", "FR", "Франция")]
    [InlineData("zh-Hans", "FR", "法国")]
    [InlineData("ar", "FR", "فرنسا")]
    [InlineData("sw", "FR", "France")]
    public void test_country_name_is_in_the_readers_language(string language, string code, string name) =>
        Countries.Name(code, new CultureInfo(language)).ShouldBe(name);

    [Fact]
    public void test_country_list_is_the_iso_codes_with_a_name_each()
    {
        Countries.Codes.Count.ShouldBe(250);
        Countries.Codes.ShouldContain("XK");
        Countries.Codes.ShouldNotContain("DG");
        foreach (var language in new[] { "en", "fr", "es", "ar", "ru", "zh-Hans" })
        {
            Countries.Choices(new CultureInfo(language)).ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Name) && c.Name != c.Code);
        }
    }

    [Fact]
    public void test_country_name_of_an_unknown_code_is_null() => Countries.Name("ZZ", CultureInfo.InvariantCulture).ShouldBeNull();
}

public abstract class CountryChoiceTests(PlenaryApp app)
{
    [Theory]
    [InlineData("en", "Albania", "Afghanistan")]
    [InlineData("fr", "Albanie", "Afghanistan")]
    public async Task test_registration_form_offers_countries_by_name_in_the_page_language(string language, string albania, string first)
    {
        using var visitor = await app.SignedInVisitorAsync($"countries{Guid.NewGuid():N}@example.org");
        visitor.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync("/igf2022/register"));

        var options = page.QuerySelectorAll("#country option").Skip(1).ToList();
        options.Count.ShouldBe(250);
        options.ShouldAllBe(o => o.TextContent.Trim().Length > 2);
        options.First().TextContent.ShouldBe(first);
        options.Single(o => o.GetAttribute("value") == "AL").TextContent.ShouldBe(albania);
    }
}

[Collection("sqlite")]
public sealed class CountryChoiceOnSqlite(SqliteApp app) : CountryChoiceTests(app);

[Collection("postgres")]
public sealed class CountryChoiceOnPostgres(PostgresApp app) : CountryChoiceTests(app);
