using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Tests.Features.Schedule;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// What the OpenAPI document is for: a developer generates a client from it with a tool of their own and calls the API.
/// Here openapi-typescript (npm, pinned in tests/js) writes the types from the document the running app serves,
/// TypeScript checks tests/js/api-client.mjs against them, and the script calls the app on a real port through
/// openapi-fetch: a public read, a change with a Secretariat's token, its validation problem, and its refusal without a token.
/// </summary>
public sealed class GeneratedApiClientTests
{
    [Fact]
    public async Task A_client_generated_from_the_document_reads_changes_with_a_token_and_is_refused_without_one()
    {
        var app = new KestrelApp();
        var work = Directory.CreateTempSubdirectory("plenary-client-");
        try
        {
            await app.InitializeAsync();
            var forum = await app.ForumOfItsOwnAsync("client");
            using var secretariat = await app.SecretariatOfAsync(forum.Slug);
            var token = await PlenaryApp.ApiTokenOfAsync(secretariat, "Generated client");
            var tools = ScheduleExportTests.ToolsFolder();
            var document = Path.Combine(work.FullName, "openapi.json");
            using (var http = new HttpClient { BaseAddress = app.BaseAddress })
            {
                await File.WriteAllBytesAsync(document, await http.GetByteArrayAsync("/openapi/v1.json"));
            }
            var types = Path.Combine(work.FullName, "plenary-api.d.ts");
            var (exit, output) = await ScheduleExportTests.NodeAsync(Path.Combine("node_modules", "openapi-typescript", "bin", "cli.js"), document, "--output", types);
            exit.ShouldBe(0, output);

            // The script and, beside it, calls the document does not allow: the type check must pass the one and refuse
            // the others, or it is not checking against the generated types at all.
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "misuse.mjs"), """
                import createClient from "openapi-fetch";
                const api = /** @type {typeof createClient<import("plenary-api").paths>} */ (createClient)({ baseUrl: "http://localhost" });
                await api.POST("/api/forums/{forum}/rooms", { params: { path: { forum: "x" } }, body: { name: 3, hasOnlineEquipment: true } });
                const read = await api.GET("/api/forums/{forum}/sessions", { params: { path: { forum: "x" } } });
                /** @type {string | undefined} */
                const seats = read.data?.[0].numberOfSeats;
                await api.DELETE("/api/forums/{forum}/rooms/{room}", { params: { path: { forum: "x", room: 1 } } });
                """);
            // misuse.mjs finds openapi-fetch and TypeScript finds @types/node where api-client.mjs does.
            Directory.CreateSymbolicLink(Path.Combine(work.FullName, "node_modules"), Path.Combine(tools, "node_modules"));
            var config = Path.Combine(work.FullName, "tsconfig.json");
            await File.WriteAllTextAsync(config, new JsonObject
            {
                ["compilerOptions"] = new JsonObject
                {
                    ["allowJs"] = true, ["checkJs"] = true, ["noEmit"] = true, ["strict"] = true, ["skipLibCheck"] = true,
                    ["target"] = "es2022", ["module"] = "nodenext", ["moduleResolution"] = "nodenext", ["lib"] = new JsonArray("es2022"), ["types"] = new JsonArray("node"),
                    ["paths"] = new JsonObject { ["plenary-api"] = new JsonArray("./plenary-api.d.ts") },
                },
                ["files"] = new JsonArray(Path.Combine(tools, "api-client.mjs"), "./misuse.mjs", "./plenary-api.d.ts"),
            }.ToJsonString());
            (exit, output) = await ScheduleExportTests.NodeAsync(Path.Combine("node_modules", "typescript", "bin", "tsc"), "--project", config, "--pretty", "false");
            var errors = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains("error TS", StringComparison.Ordinal)).ToList();
            errors.Where(e => !e.Contains("misuse.mjs", StringComparison.Ordinal)).ShouldBeEmpty("api-client.mjs fits the generated types");
            exit.ShouldNotBe(0, output);
            errors.Select(e => e[(e.IndexOf("misuse.mjs(", StringComparison.Ordinal) + "misuse.mjs(".Length)..].Split(',')[0]).ShouldBe(["3", "6", "7"],
                $"a number for a name, a property the answer lacks, a path the document has not: {output}");

            (exit, output) = await ScheduleExportTests.NodeAsync("api-client.mjs", app.BaseAddress.ToString().TrimEnd('/'), forum.Slug, token);
            exit.ShouldBe(0, output);
            var seen = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
            seen.GetProperty("sessions").GetInt32().ShouldBeGreaterThan(0);
            seen.GetProperty("added").GetProperty("status").GetInt32().ShouldBe(201);
            seen.GetProperty("invalid").GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["capacity", "name"]);
            seen.GetProperty("refused").GetProperty("status").GetInt32().ShouldBe(401);

            var rooms = await app.InDbAsync(db => db.Rooms.Where(r => r.ForumId == forum.Id).Select(r => new { r.Id, r.Name, r.Capacity }).ToListAsync());
            rooms.ShouldContain(r => r.Name == "Plenary Hall" && r.Capacity == 450 && r.Id == seen.GetProperty("added").GetProperty("id").GetInt32());
            rooms.ShouldNotContain(r => r.Name == "Not added", "the call without a token changed nothing");
        }
        finally
        {
            // The link first, on its own, so that nothing can reach through it into tests/js.
            if (Directory.Exists(Path.Combine(work.FullName, "node_modules")))
            {
                Directory.Delete(Path.Combine(work.FullName, "node_modules"));
            }
            work.Delete(recursive: true);
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    /// <summary>The app on a real loopback port, for a program outside the test process to call.</summary>
    private sealed class KestrelApp : PlenaryApp
    {
        public KestrelApp() => UseKestrel(0);

        public override string Provider => "SQLite";

        public Uri BaseAddress { get; private set; } = null!;

        protected override void UseDatabase(IWebHostBuilder web) { }

        public override Task InitializeAsync()
        {
            StartServer();
            BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return Task.CompletedTask;
        }

        /// <summary>Over real HTTP to the port: the factory's own clients would go to port 80.</summary>
        public override HttpClient CreateVisitor() =>
            new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
    }
}
