using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Tests.Infrastructure.Fixtures;
using Xunit.Abstractions;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// The stress test's drill, kept (issue 13): every route the running app maps, read from its own endpoint list and
/// filled with real ids of the demo forum, is sent a corpus of malformed requests: every method with and without a
/// form token, anonymously and as the forum's Secretariat; odd ids in every route parameter; control characters in the
/// query and the form; every form of every page with its fields duplicated, huge, cut or poisoned; API bodies cut,
/// invalid or carrying NUL bytes. None may answer 5xx, and nothing may leave an unhandled exception in the log.
/// </summary>
/// <remarks>
/// On PostgreSQL only, and on an app of its own (it sends the Secretariat's forms with junk, which may rename or
/// remove things other tests read). PostgreSQL is the stricter of the two for this corpus: it refuses a NUL byte in
/// text, where SQLite stores it, and the code paths are otherwise the same for both (the providers differ in what
/// valid requests translate to, which every page test covers on both).
/// </remarks>
public sealed class MalformedRequestDrill(PostgresApp app, ITestOutputHelper output) : IClassFixture<PostgresApp>
{
    private static readonly string[] AllMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

    /// <summary>
    /// Ids no link holds: zero, negative, beyond a long, a percent-encoded "%00" (a raw NUL in the path never reaches the
    /// app: Kestrel refuses it, and the in-process test client will not send it), a climb out of the path, non-ASCII, 10 KB.</summary>
    private static readonly string[] OddIds =
        ["0", "-1", "99999999999999999999", "%2500", "..%2f..%2fetc%2fpasswd", "%C3%B1%E2%9C%93%F0%9D%84%9E", "%252e%252e", new string('x', 10_240)];

    /// <summary>Query parameters the pages and API read, each with control characters, then some again (duplicated keys).</summary>
    private const string ControlQuery =
        "?q=%00%01%1f%7f&returnUrl=%2f%09%2fevil.example&handler=%00&day=%0d%0a&type=%00&subtheme=%01&sdg=%00&room=%0a&tz=%00"
        + "&since=%00&once=%01&state=%00&sort=%00&culture=%0d&code=%00&account=%00&filter=%00&page=-1&dryRun=%00&confirm=%00"
        + "&q=again&day=2022-11-28&day=2022-11-29&type=WS&type=OF&room=1&room=x";

    private static readonly string Huge = new('w', 64 * 1024);

    private static readonly ConditionalWeakTable<PlenaryApp, Context> Contexts = new();

    [Fact]
    public async Task Every_method_on_every_route_with_and_without_a_form_token()
    {
        var drill = await DrillAsync();
        foreach (var route in drill.Routes)
        {
            var url = drill.Fill(route);
            foreach (var visitor in drill.VisitorsFor(route))
            {
                foreach (var method in AllMethods)
                {
                    if (method is "GET" or "HEAD" or "OPTIONS")
                    {
                        await drill.SendAsync(visitor, method, url, null, "no body");
                        continue;
                    }
                    await drill.SendAsync(visitor, method, url, route.IsApi ? Json("{}") : visitor.Form(), "with token");
                    await drill.SendAsync(visitor, method, url, route.IsApi ? null : Form(new() { ["Name"] = "x" }), "without token");
                }
            }
        }
        drill.Verify(output);
    }

    [Fact]
    public async Task Odd_ids_in_every_route_parameter()
    {
        var drill = await DrillAsync();
        foreach (var route in drill.Routes.Where(r => r.Pattern.Parameters.Count > 0))
        {
            foreach (var parameter in route.Pattern.Parameters)
            {
                foreach (var odd in OddIds)
                {
                    var url = drill.Fill(route, parameter.Name, odd);
                    var variant = $"{parameter.Name}={Short(odd)}";
                    await drill.SendAsync(drill.Anonymous, "GET", url, null, variant);
                    var member = route.IsApi ? drill.Script : drill.Secretariat;
                    foreach (var method in route.Methods.Where(m => m != "HEAD"))
                    {
                        await drill.SendAsync(member, method, url, method is "GET" ? null : route.IsApi ? Json("{}") : member.Form(), variant);
                    }
                }
            }
        }
        drill.Verify(output);
    }

    [Fact]
    public async Task Control_characters_in_the_query_and_the_form()
    {
        var drill = await DrillAsync();
        foreach (var route in drill.Routes)
        {
            var url = drill.Fill(route) + ControlQuery;
            // A page reads its query the same for everyone who may see it: the Secretariat sees them all.
            foreach (var visitor in route.IsApi ? drill.VisitorsFor(route) : [drill.Secretariat])
            {
                foreach (var method in route.Methods.Append("GET").Where(m => m != "HEAD").Distinct())
                {
                    if (method is "GET")
                    {
                        await drill.SendAsync(visitor, method, url, null, "control characters in the query");
                        continue;
                    }
                    if (route.IsApi)
                    {
                        await drill.SendAsync(visitor, method, url, Json("""{"name":"a\u0001\r\n\u007f","title":"\u0000"}"""), "control characters in the query and JSON");
                        continue;
                    }
                    var fields = new Dictionary<string, string> { ["Email"] = "a\u0001@b.c", ["Name"] = "\r\n\u007f", ["Title"] = "\t\u001f", ["ReturnUrl"] = "/\t/evil.example" };
                    await drill.SendAsync(visitor, method, url, visitor.Form(fields), "control characters in the query and the form");
                    await drill.SendAsync(visitor, method, url, Raw($"__RequestVerificationToken={visitor.Token}&Email=a%00@b.c&Name=%00", "application/x-www-form-urlencoded"), "NUL in the form");
                }
            }
        }
        drill.Verify(output);
    }

    [Fact]
    public async Task Every_form_of_every_page_sent_with_duplicated_huge_cut_or_poisoned_fields()
    {
        var drill = await DrillAsync();
        var secretariat = drill.Secretariat;
        var forms = new Dictionary<string, (string Action, List<KeyValuePair<string, string>> Fields, string From)>();
        foreach (var route in drill.Routes.Where(r => !r.IsApi && r.Methods.Contains("GET")))
        {
            var url = drill.Fill(route);
            if (url.Contains("/live/events", StringComparison.Ordinal))
            {
                continue;
            }
            using var response = await secretariat.Client.GetAsync(url);
            if ((int)response.StatusCode >= 500)
            {
                drill.Failed($"{(int)response.StatusCode} for GET {url} (secretariat, looking for forms)");
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            foreach (var form in (await PlenaryApp.ParseAsync(response)).QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>())
            {
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                // Signing out would end the drill's own session; the layout puts that form on every page.
                if (action.StartsWith("/account/sign-out", StringComparison.Ordinal))
                {
                    continue;
                }
                var fields = Fields(form);
                // One of each kind: the same handler repeated per row (a room, a session) differs only in its ids.
                var handler = System.Text.RegularExpressions.Regex.Match(action, "[?&]handler=([^&]*)").Groups[1].Value;
                var kind = $"{action.Split('?')[0]}?{handler}|{string.Join(",", fields.Select(f => f.Key).Order(StringComparer.Ordinal))}";
                forms.TryAdd(kind, (action, fields, url));
            }
        }
        output.WriteLine($"{forms.Count} distinct forms");
        forms.Count.ShouldBeGreaterThan(50, "the drill found the workspace's forms");
        foreach (var (action, fields, from) in forms.Values)
        {
            var own = fields.Where(f => f.Key != "__RequestVerificationToken").ToList();
            // An odd value first: model binding reads the first of duplicated keys, so the real one never acts. With
            // the same names indexed far out, as lists bind them.
            var duplicated = own.SelectMany(f => new[] { new KeyValuePair<string, string>(f.Key, "\u0001x"), f, new(f.Key + "[999999999]", f.Value) });
            await drill.SendAsync(secretariat, "POST", action, secretariat.Form(duplicated.Append(new("handler", "x"))), $"duplicated fields, from {from}");
            await drill.SendAsync(secretariat, "POST", action, secretariat.Form(own.Select(f => new KeyValuePair<string, string>(f.Key, Huge))), $"huge fields, from {from}");
            await drill.SendAsync(secretariat, "POST", action, secretariat.Form(own.Select(f => new KeyValuePair<string, string>(f.Key, f.Value + "\u0001\r\n\u007f\u200b\ud83d"))), $"control characters in every field, from {from}");
            await drill.SendAsync(secretariat, "POST", action, Truncated(own.Prepend(new("__RequestVerificationToken", secretariat.Token))), $"truncated multipart, from {from}");
        }
        // What the junk stored must not break a page that shows it later (an export writing XML, a feed, a PDF).
        foreach (var route in drill.Routes.Where(r => r.Methods.Contains("GET")))
        {
            foreach (var visitor in drill.VisitorsFor(route))
            {
                await drill.SendAsync(visitor, "GET", drill.Fill(route), null, "after the forms");
            }
        }
        drill.Verify(output);
    }

    [Fact]
    public async Task Api_bodies_that_are_cut_invalid_or_carry_nul_bytes()
    {
        var drill = await DrillAsync();
        string[] bodies =
        [
            "{", """{"name":"x""", "[1,2", "\"text\"", "null", """{"name":"a","name":"b"}""", """{"name":5,"capacity":"many","day":"2022-13-40","start":"25:61"}""",
            """{"name":"a\u0000b","title":"\u0000","email":"a\u0000@b.c"}""", new string('[', 5000) + new string(']', 5000),
            $$"""{"name":"{{Huge}}","title":"{{Huge}}","description":"{{Huge}}"}""", """{"name":"\ud800"}""",
        ];
        foreach (var route in drill.Routes.Where(r => r.IsApi && r.Methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE")))
        {
            var url = drill.Fill(route);
            foreach (var visitor in drill.VisitorsFor(route))
            {
                foreach (var method in route.Methods.Where(m => m is not "GET" and not "HEAD"))
                {
                    foreach (var body in bodies)
                    {
                        await drill.SendAsync(visitor, method, url, Json(body), $"JSON {Short(body)}");
                    }
                    await drill.SendAsync(visitor, method, url, Truncated([new("people", "Key,Name\r\nx"), new("sessions", "Key")]), "truncated multipart");
                    await drill.SendAsync(visitor, method, url, Raw("name=x", "application/x-www-form-urlencoded"), "a form instead of JSON");
                    await drill.SendAsync(visitor, method, url, Raw("{}", "application/json; charset=ebcdic"), "an unknown charset");
                    // What the API itself answers for the resource, every string poisoned: the shape is right, so it
                    // gets past the checks of form and reaches the database.
                    if (await drill.ShapeOfAsync(visitor, url) is { } shape)
                    {
                        foreach (var poison in new[] { "a\u0000b", "\u0001\u001f", Huge })
                        {
                            await drill.SendAsync(visitor, method, url, Json(Poisoned(shape, poison).ToJsonString()), $"its own shape with {Short(poison)}");
                        }
                    }
                }
            }
        }
        drill.Verify(output);
    }

    private async Task<Context> DrillAsync()
    {
        Context? drill;
        lock (Contexts)
        {
            Contexts.TryGetValue(app, out drill);
        }
        if (drill is null)
        {
            drill = await Context.CreateAsync(app);
            lock (Contexts)
            {
                Contexts.AddOrUpdate(app, drill);
            }
        }
        drill.Start(app);
        return drill;
    }

    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }
            var value = element switch
            {
                IHtmlSelectElement select => select.Options.FirstOrDefault(o => o.IsSelected)?.Value ?? select.Options.FirstOrDefault()?.Value ?? "",
                IHtmlTextAreaElement area => area.Value,
                IHtmlInputElement { Type: "checkbox" or "radio" } box => box.IsChecked ? box.Value : null,
                IHtmlInputElement { Type: "file" } => "people.csv",
                IHtmlInputElement input => input.Value,
                IHtmlButtonElement => null,
                _ => element.GetAttribute("value") ?? "",
            };
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }
        return fields;
    }

    private static JsonNode Poisoned(JsonNode node, string poison) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value is null ? null : Poisoned(p.Value, poison)))),
        JsonArray a => new JsonArray(a.Select(i => i is null ? null : Poisoned(i, poison)).ToArray()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(v.GetValue<string>() + poison),
        _ => node.DeepClone(),
    };

    private static HttpContent Json(string text) => Raw(text, "application/json");

    private static HttpContent Raw(string text, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    private static HttpContent Form(Dictionary<string, string> fields) => new FormUrlEncodedContent(fields);

    /// <summary>A multipart body whose last part is cut off and whose closing boundary never comes.</summary>
    private static HttpContent Truncated(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append("--drill\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"; filename=\"").Append(name).Append(".csv\"\r\n\r\n").Append(value).Append("\r\n");
        }
        text.Append("--drill\r\nContent-Disposition: form-data; name=\"cut\"\r\n\r\nthe rest never arri");
        return Raw(text.ToString(), "multipart/form-data; boundary=drill");
    }

    private static string Short(string text) => text.Length > 24 ? $"{text[..12]}…({text.Length} chars)" : text;

    /// <summary>A route the app maps: its pattern and the methods it answers (pages: GET, HEAD and their handlers' methods).</summary>
    private sealed record Route(RoutePattern Pattern, IReadOnlyList<string> Methods)
    {
        public bool IsApi => Pattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal);

        public override string ToString() => $"{string.Join(",", Methods)} /{Pattern.RawText!.TrimStart('/')}";
    }

    /// <summary>Someone sending requests: a browser with its cookies and form token, or a script with an API token.</summary>
    private sealed record Visitor(string Who, HttpClient Client, string Token)
    {
        public HttpContent Form(IEnumerable<KeyValuePair<string, string>>? fields = null) =>
            new FormUrlEncodedContent((fields ?? []).Prepend(new("__RequestVerificationToken", Token)));

        public HttpContent Form(Dictionary<string, string> fields) => Form(fields.AsEnumerable());
    }

    private sealed class Context
    {
        private readonly List<string> failures = [];
        private readonly List<(double Ms, string What)> slowest = [];
        private readonly Dictionary<string, string> values;
        private PlenaryApp app = null!;
        private int mark;
        private int sent;
        private TimeSpan cpuAtStart;
        private readonly Stopwatch clock = new();

        private Context(IReadOnlyList<Route> routes, Dictionary<string, string> values, Visitor anonymous, Visitor secretariat, Visitor script)
        {
            Routes = routes;
            this.values = values;
            Anonymous = anonymous;
            Secretariat = secretariat;
            Script = script;
        }

        public IReadOnlyList<Route> Routes { get; }
        public Visitor Anonymous { get; }
        public Visitor Secretariat { get; }

        /// <summary>The Secretariat calling the API with its personal token.</summary>
        public Visitor Script { get; }

        public static async Task<Context> CreateAsync(PlenaryApp app)
        {
            var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"));
            var routes = endpoints
                .Select(e => new Route(e.RoutePattern, e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [.. AllMethods]))
                .GroupBy(r => r.Pattern.RawText!.TrimStart('/'))
                .Select(g => new Route(g.First().Pattern, g.SelectMany(r => r.Methods).Distinct().Order(StringComparer.Ordinal).ToList()))
                // Deleting one's own account is best left to the end.
                .OrderBy(r => r.Pattern.RawText!.Contains("account/delete", StringComparison.Ordinal))
                .ThenBy(r => r.Pattern.RawText, StringComparer.Ordinal)
                .ToList();
            var values = await RealValuesAsync(app);
            var anonymous = app.CreateVisitor();
            var secretariat = await app.SecretariatOfAsync("igf2022");
            var token = await PlenaryApp.ApiTokenOfAsync(secretariat, "Drill");
            return new Context(routes, values,
                new Visitor("anonymous", anonymous, await FormTokenAsync(anonymous)),
                new Visitor("secretariat", secretariat, await FormTokenAsync(secretariat)),
                new Visitor("secretariat's API token", app.ApiClient(token), ""));
        }

        public void Start(PlenaryApp app)
        {
            this.app = app;
            failures.Clear();
            slowest.Clear();
            mark = app.Log.Count;
            sent = 0;
            clock.Restart();
            cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        }

        public IEnumerable<Visitor> VisitorsFor(Route route) => route.IsApi ? [Anonymous, Script] : [Anonymous, Secretariat];

        /// <summary>The route with real ids of the demo forum, one parameter optionally replaced by an odd value (already URL-encoded).</summary>
        public string Fill(Route route, string? odd = null, string? oddValue = null)
        {
            var url = new StringBuilder();
            foreach (var segment in route.Pattern.PathSegments)
            {
                url.Append('/');
                foreach (var part in segment.Parts)
                {
                    switch (part)
                    {
                        case RoutePatternLiteralPart literal:
                            url.Append(literal.Content);
                            break;
                        case RoutePatternSeparatorPart separator:
                            url.Append(separator.Content);
                            break;
                        case RoutePatternParameterPart parameter:
                            url.Append(parameter.Name == odd ? oddValue : Uri.EscapeDataString(ValueOf(parameter.Name)));
                            break;
                    }
                }
            }
            return url.Length == 0 ? "/" : url.ToString();

            string ValueOf(string name)
            {
                var before = PreviousLiteral(route, name);
                return values.TryGetValue($"{before}/{name}", out var value) || values.TryGetValue(name, out value) ? value : "1";
            }
        }

        private static string? PreviousLiteral(Route route, string parameter)
        {
            string? last = null;
            foreach (var segment in route.Pattern.PathSegments)
            {
                if (segment.Parts.OfType<RoutePatternParameterPart>().Any(p => p.Name == parameter))
                {
                    return last;
                }
                if (segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal)
                {
                    last = literal.Content;
                }
            }
            return last;
        }

        public async Task SendAsync(Visitor visitor, string method, string url, HttpContent? body, string variant)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (visitor == Secretariat && method == "POST" && url.StartsWith("/account/sign-out", StringComparison.Ordinal))
            {
                // It would end the drill's own session (and it answers a redirect: the authorisation matrix shows it).
                return;
            }
            sent++;
            var started = clock.Elapsed;
            try
            {
                // The whole answer, as a browser reads it, except the live page's event stream, which never ends by itself
                // (and a response left unread would let its page run on into the next request).
                var streams = url.Contains("/live/events", StringComparison.Ordinal);
                using var response = await visitor.Client.SendAsync(request, streams ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} for {method} {Short(url, 200)} ({visitor.Who}, {variant})");
                }
            }
            catch (Exception e) when (e is not ShouldAssertException)
            {
                failures.Add($"{e.GetType().Name} for {method} {Short(url, 200)} ({visitor.Who}, {variant}): {e.Message}");
            }
            slowest.Add(((clock.Elapsed - started).TotalMilliseconds, $"{method} {Short(url, 80)} ({visitor.Who}, {variant})"));
        }

        /// <summary>The JSON the API answers for a GET of the same address (an item of it for a collection), if any.</summary>
        public async Task<JsonNode?> ShapeOfAsync(Visitor visitor, string url)
        {
            using var response = await visitor.Client.GetAsync(url);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return null;
            }
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            return json is JsonArray { Count: > 0 } list ? list[0] : json is JsonArray ? null : json;
        }

        public void Failed(string failure) => failures.Add(failure);

        public void Verify(ITestOutputHelper output)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
            output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:0.0} s ({cpu.TotalSeconds:0.0} s of processor time in this process) over {Routes.Count} routes; the slowest:");
            foreach (var (ms, what) in slowest.OrderByDescending(x => x.Ms).Take(8))
            {
                output.WriteLine($"  {ms:0} ms {what}");
            }
            var unhandled = app.Log.Since(mark).Where(CapturedLog.IsUnhandled).Select(e => e.ToString()).Distinct().ToList();
            failures.Take(60).ShouldBeEmpty($"{failures.Count} requests answered 5xx or failed");
            unhandled.ShouldBeEmpty("unhandled exceptions in the log");
        }

        private static string Short(string text, int length) => text.Length > length ? text[..length] + "…" : text;

        private static async Task<string> FormTokenAsync(HttpClient visitor)
        {
            var form = await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/sign-in"));
            return form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }

        /// <summary>Real ids of the demo forum by parameter name, or by the path segment before it and the name.</summary>
        private static async Task<Dictionary<string, string>> RealValuesAsync(PlenaryApp app) => await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.Include(f => f.SessionTypes).SingleAsync(f => f.Slug == "igf2022");
            if (!await db.Calls.AnyAsync(c => c.ForumId == forum.Id))
            {
                db.Calls.Add(new Plenary.Features.Proposals.Call { ForumId = forum.Id, SessionTypes = ["WS"], OpensAt = DateTime.UtcNow.AddDays(-1), ClosesAt = DateTime.UtcNow.AddYears(5) });
            }
            var proposal = new Plenary.Features.Proposals.Proposal
            {
                ForumId = forum.Id, ProposerName = "Drill proposer", Title = "The drill's proposal", TypeId = forum.SessionTypes.First(t => t.Code == "WS").Id, LengthMinutes = 90, Version = 1,
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var subtheme = await db.Subthemes.Where(s => s.ForumId == forum.Id).OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync();
            var session = await db.Sessions.Where(s => s.ForumId == forum.Id && s.Roles.Any()).OrderBy(s => s.Id).Select(s => new { s.Id, Role = s.Roles.OrderBy(r => r.Id).Select(r => r.Id).First() }).FirstAsync();
            return new Dictionary<string, string>
            {
                ["forum"] = "igf2022",
                ["key"] = "of-56",
                ["goal"] = "9",
                ["culture"] = "fr",
                ["documentName"] = "v1",
                ["secret"] = "not-a-secret-anyone-was-given",
                ["file"] = "sessions.csv",
                ["path"] = "no-such-file.txt",
                ["slug"] = subtheme,
                ["subtheme"] = subtheme,
                ["session-types/code"] = "WS",
                ["error/code"] = "404",
                ["rooms/id"] = Id(await db.Rooms.Where(r => r.ForumId == forum.Id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync()),
                ["people/id"] = Id(await db.People.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
                ["proposals/id"] = Id(proposal.Id),
                ["reviews/id"] = Id(proposal.Id),
                ["roles/id"] = Id(session.Role),
                ["id"] = "1",
            };
        });
    }
}
