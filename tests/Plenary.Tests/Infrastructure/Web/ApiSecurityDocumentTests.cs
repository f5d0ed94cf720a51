using System.Net;
using System.Text.Json;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// The OpenAPI document's security, checked against the app's real answers: every operation the document lists is
/// called without a token, and with the token of a participant who holds no role, and what the document declares
/// (the bearer requirement with its 401, the 403) must be exactly what the app then does. A route group that gains or
/// loses its RequireAuthorization, or an endpoint its RequireForum, fails here until the document says the same.
/// </summary>
public abstract class ApiSecurityDocumentTests(PlenaryApp app)
{
    /// <summary>Real values for the route parameters the document's paths use, in the demo forum.</summary>
    private static readonly Dictionary<string, string> RouteValues = new()
    {
        ["forum"] = "igf2022", ["key"] = "of-56", ["id"] = "1", ["goal"] = "9", ["code"] = "WS", ["slug"] = "governing-data", ["secret"] = "not-a-secret",
    };

    [Fact]
    public async Task The_bearer_scheme_is_declared_once_in_the_components()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.EnumerateObject().Select(s => s.Name).ShouldBe(["bearer"]);
        var bearer = schemes.GetProperty("bearer");
        bearer.GetProperty("type").GetString().ShouldBe("http");
        bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
        bearer.GetProperty("bearerFormat").GetString()!.ShouldStartWith("pln_");
        bearer.GetProperty("description").GetString()!.ShouldContain("/account/api-tokens");
        document.TryGetProperty("security", out _).ShouldBeFalse("reading the public record needs no token, so no requirement applies to every operation");
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        new[] { "type", "title", "status", "detail" }.ShouldBeSubsetOf(problem.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Operations_declare_the_token_and_its_401_exactly_when_the_app_refuses_a_caller_without_one()
    {
        var disagreements = new List<string>();
        var needingToken = new List<string>();
        foreach (var (method, path, operation) in Operations(await DocumentAsync()))
        {
            var declaresToken = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("bearer", out _));
            var declares401 = DeclaresProblem(operation, "401");
            if (declaresToken != declares401)
            {
                disagreements.Add($"{method} {path}: the bearer requirement and the 401 answer must come together");
            }
            using var response = await app.Client.SendAsync(Request(method, path));
            var refused = response.StatusCode == HttpStatusCode.Unauthorized;
            if (refused != declaresToken)
            {
                disagreements.Add($"{method} {path}: {(declaresToken ? "declares" : "does not declare")} a token, and without one the app answers {(int)response.StatusCode}");
            }
            if (refused)
            {
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{method} {path}");
                response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer", customMessage: $"{method} {path}");
                needingToken.Add($"{method} {path}");
            }
        }
        disagreements.ShouldBeEmpty();
        // Every change but the SDG suggestions (anyone's: they change nothing), and the reads of one's own or the Secretariat's data.
        needingToken.Count(o => !o.StartsWith("GET ", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(21);
        needingToken.ShouldContain("GET /api/forums/{forum}/audit");
        needingToken.ShouldNotContain("POST /api/sdgs/suggest");
    }

    [Fact]
    public async Task Operations_declare_403_exactly_when_the_app_refuses_a_participant_without_the_role()
    {
        var participant = await app.SignedInVisitorAsync($"apisec{Guid.NewGuid():N}@example.org");
        using var api = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(participant, "OpenAPI check"));
        var disagreements = new List<string>();
        var refusing = 0;
        foreach (var (method, path, operation) in Operations(await DocumentAsync()))
        {
            var declares403 = DeclaresProblem(operation, "403");
            using var response = await api.SendAsync(Request(method, path));
            var refused = response.StatusCode == HttpStatusCode.Forbidden;
            if (refused != declares403)
            {
                disagreements.Add($"{method} {path}: {(declares403 ? "declares" : "does not declare")} 403, and a participant's token gets {(int)response.StatusCode}");
            }
            refusing += refused ? 1 : 0;
        }
        disagreements.ShouldBeEmpty();
        refusing.ShouldBeGreaterThanOrEqualTo(20, "the Secretariat's and the site administrators' operations refuse a participant");
    }

    [Fact]
    public async Task Every_operation_that_takes_a_body_declares_its_400_validation_problem()
    {
        var missing = Operations(await DocumentAsync())
            .Where(o => o.Operation.TryGetProperty("requestBody", out _))
            .Where(o => !(o.Operation.GetProperty("responses").TryGetProperty("400", out var bad)
                && bad.GetProperty("content").TryGetProperty("application/problem+json", out var problem)
                && problem.GetProperty("schema").GetProperty("$ref").GetString() == "#/components/schemas/HttpValidationProblemDetails"))
            .Select(o => $"{o.Method} {o.Path}").ToList();
        missing.ShouldBeEmpty();
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var (status, _, json) = await app.GetJsonAsync("/openapi/v1.json");
        status.ShouldBe(HttpStatusCode.OK);
        return json;
    }

    private static List<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document)
    {
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => (o.Name.ToUpperInvariant(), path.Name, o.Value)))
            .ToList();
        operations.Count.ShouldBeGreaterThan(45);
        return operations;
    }

    private static bool DeclaresProblem(JsonElement operation, string status) =>
        operation.GetProperty("responses").TryGetProperty(status, out var response)
        && response.GetProperty("content").TryGetProperty("application/problem+json", out var problem)
        && problem.GetProperty("schema").GetProperty("$ref").GetString() == "#/components/schemas/ProblemDetails";

    /// <summary>The operation at real addresses of the demo forum; a change sends an empty JSON object, which no policy lets through unchecked.</summary>
    private static HttpRequestMessage Request(string method, string path)
    {
        var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m =>
            RouteValues.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new ShouldAssertException($"No value for {{{m.Groups[1].Value}}} in {path}: add one to RouteValues."));
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        return request;
    }
}

[Collection("sqlite")]
public sealed class ApiSecurityDocumentOnSqlite(SqliteApp app) : ApiSecurityDocumentTests(app);

[Collection("postgres")]
public sealed class ApiSecurityDocumentOnPostgres(PostgresApp app) : ApiSecurityDocumentTests(app);
