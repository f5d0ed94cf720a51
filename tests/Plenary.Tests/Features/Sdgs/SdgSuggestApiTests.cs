using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sdgs;

/// <summary>POST /api/sdgs/suggest as an API client uses it: the acceptance, and bad input.</summary>
public abstract class SdgSuggestApiTests(PlenaryApp app)
{
    private async Task<(HttpStatusCode Status, JsonElement Json)> SuggestAsync(string body, string mediaType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        using var response = await app.Client.PostAsync("/api/sdgs/suggest", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Body(string text) => JsonSerializer.Serialize(new { text });

    [Fact]
    public async Task Open_forum_56s_description_finds_at_least_4_of_its_organisers_8_goals_in_the_first_6_and_says_why()
    {
        var (description, chosen) = await app.InDbAsync(async db =>
        {
            var session = await db.Sessions.Include(s => s.Sdgs).SingleAsync(s => s.Forum.Slug == "igf2022" && s.Type.Code == "OF" && s.Number == 56);
            return (session.Description, session.Sdgs.Select(g => g.Goal).Distinct().ToList());
        });
        chosen.Order().ShouldBe([1, 5, 8, 9, 10, 11, 16, 17]);

        var (status, json) = await SuggestAsync(Body(description!));

        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("language").GetString().ShouldBe("en");
        var first6 = json.GetProperty("suggestions").EnumerateArray().Take(6).ToList();
        first6.Count(s => chosen.Contains(s.GetProperty("goal").GetInt32())).ShouldBeGreaterThanOrEqualTo(4);
        var nine = first6.Single(s => s.GetProperty("goal").GetInt32() == 9);
        nine.GetProperty("shortName").GetString().ShouldBe("Industry, innovation and infrastructure");
        nine.GetProperty("matched").EnumerateArray().Select(m => m.GetString()).ShouldContain("digital infrastructure");
        nine.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("code").GetString()).ShouldContain("9.c");
        foreach (var suggestion in first6)
        {
            suggestion.GetProperty("matched").GetArrayLength().ShouldBeGreaterThan(0);
            suggestion.GetProperty("matched").EnumerateArray().ShouldAllBe(m => description!.Contains(m.GetString()!, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_cooking_recipe_gets_little_or_nothing()
    {
        const string recipe = """
            Lemon drizzle cake. Preheat the oven to 180 degrees. Cream the butter and sugar until pale, beat in four eggs one
            at a time, then fold in the flour, a pinch of salt and the zest of two lemons. Pour into a lined tin and bake for
            forty minutes, until a skewer comes out clean. While it is warm, mix the lemon juice with icing sugar and spoon it
            over the top. Leave to cool in the tin; it keeps for three days in an airtight box. Serve with fresh berries.
            """;
        var (status, json) = await SuggestAsync(Body(recipe));
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("suggestions").GetArrayLength().ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_french_text_is_compared_with_the_target_texts_and_says_so()
    {
        const string text = "Nous voulons éliminer la faim, assurer la sécurité alimentaire et promouvoir l'agriculture durable, "
            + "en doublant la productivité agricole et les revenus des petits producteurs alimentaires, en particulier les femmes et les peuples autochtones.";
        var (status, json) = await SuggestAsync(Body(text));
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("language").GetString().ShouldBe("fr");
        json.GetProperty("method").GetString().ShouldBe("target texts");
        json.GetProperty("note").GetString()!.ShouldContain("English only");
        json.GetProperty("suggestions")[0].GetProperty("goal").GetInt32().ShouldBe(2);
    }

    [Theory]
    [InlineData("{\"text\": \"\"}", "text")]
    [InlineData("{\"text\": \"   \"}", "text")]
    [InlineData("{}", "text")]
    [InlineData("{\"text\": 42}", "text")]
    [InlineData("{\"text\": \"decent work\", \"language\": \"xx\"}", "language")]
    [InlineData("{\"text\": \"decent work\"", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("[\"decent work\"]", "body")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        var (status, json) = await SuggestAsync(body);
        status.ShouldBe(HttpStatusCode.BadRequest);
        json.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_text_over_50000_characters_is_refused()
    {
        var (status, json) = await SuggestAsync(Body(new string('a', 50_001)));
        status.ShouldBe(HttpStatusCode.BadRequest);
        json.GetProperty("errors").GetProperty("text")[0].GetString()!.ShouldContain("too long");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoint()
    {
        var (status, _, json) = await app.GetJsonAsync("/openapi/v1.json");
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("paths").GetProperty("/api/sdgs/suggest").GetProperty("post").GetProperty("requestBody").ValueKind.ShouldBe(JsonValueKind.Object);
    }
}

[Collection("sqlite")]
public sealed class SdgSuggestApiOnSqlite(SqliteApp app) : SdgSuggestApiTests(app);

[Collection("postgres")]
public sealed class SdgSuggestApiOnPostgres(PostgresApp app) : SdgSuggestApiTests(app);
