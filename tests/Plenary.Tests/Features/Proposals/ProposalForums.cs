using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Proposals;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Proposals;

/// <summary>
/// Forums of the proposal tests, apart from the demo forum so that its call stays the authorisation matrix's:
/// "cfp-open" (IGF 2023, its call open for a month; the edition after the demo IGF 2022 in the series igf, for the rule on the previous edition's reports), "cfp-closed" (its call closed on 1 June 2023) and any other slug without a call.
/// </summary>
public static class ProposalForums
{
    public const string Open = "cfp-open";
    public const string Closed = "cfp-closed";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<Forum> EnsureAsync(PlenaryApp app, string slug)
    {
        await Gate.WaitAsync();
        try
        {
            return await app.InDbAsync(async db =>
            {
                if (await db.Forums.Include(f => f.SessionTypes).Include(f => f.Subthemes).FirstOrDefaultAsync(f => f.Slug == slug) is { } found)
                {
                    return found;
                }
                var forum = new Forum
                {
                    Slug = slug, Name = $"Forum {slug}", Year = 2023, HostCity = "Kyoto", Venue = "Kyoto International Conference Center",
                    TimeZoneId = "Asia/Tokyo", FirstDay = new DateOnly(2023, 10, 8), LastDay = new DateOnly(2023, 10, 12), Theme = "The Internet we want", Languages = ["en"],
                    Series = slug == Open ? "igf" : null,
                    SessionTypes = SessionType.IgfUsual(), Subthemes = [new Subtheme { Slug = "divides", Name = "Digital Divides and Inclusion", Position = 1 }],
                };
                db.Forums.Add(forum);
                await db.SaveChangesAsync();
                var now = DateTime.UtcNow;
                if (slug is Open or Closed)
                {
                    db.Calls.Add(slug == Open
                        ? new Call { ForumId = forum.Id, SessionTypes = ["WS", "OF"], OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(30) }
                        : new Call { ForumId = forum.Id, SessionTypes = ["WS", "OF"], OpensAt = new DateTime(2023, 3, 1, 0, 0, 0, DateTimeKind.Utc), ClosesAt = new DateTime(2023, 6, 1, 14, 59, 0, DateTimeKind.Utc) });
                    await db.SaveChangesAsync();
                }
                return forum;
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    public sealed record Person(string Name, string Email, string Mode = "Onsite");

    /// <summary>The form's fields as a browser posts them: people rows in the page's order, as many as given.</summary>
    public static List<KeyValuePair<string, string>> Fields(string title, string type = "WS", int version = 0, Person[]? organisers = null, Person[]? speakers = null,
        Person? onsiteModerator = null, Person? onlineModerator = null, Person? rapporteur = null, (string Code, string Reason)[]? sdgs = null, bool complete = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.Title", title), new("Form.Type", type),
            new("Form.Format", "RoundTable"), new("Form.Layout", "UShape"), new("Form.LengthMinutes", "90"), new("Form.Subtheme", complete ? "divides" : ""),
            new("Form.Tags", "access, inclusion"), new("Form.Description", complete ? "Why connectivity still fails rural women." : ""),
            new("Form.PolicyQuestions", complete ? "What should regulators do?" : ""), new("Form.ExpectedOutcomes", complete ? "A list of commitments." : ""),
            new("Form.OnlineEngagement", complete ? "An online moderator takes questions in turn with the room." : ""),
        };
        var i = 0;
        foreach (var (code, reason) in sdgs ?? (complete ? [("9.c", "Universal access")] : []))
        {
            fields.Add(new($"Form.Sdgs[{i}].Code", code));
            fields.Add(new($"Form.Sdgs[{i++}].Reason", reason));
        }
        var p = 0;
        void Add(string kind, Person? person)
        {
            fields.Add(new($"Form.People[{p}].Kind", kind));
            fields.Add(new($"Form.People[{p}].Name", person?.Name ?? ""));
            fields.Add(new($"Form.People[{p}].Email", person?.Email ?? ""));
            fields.Add(new($"Form.People[{p++}].Mode", person?.Mode ?? "Onsite"));
        }
        foreach (var o in organisers ?? [])
        {
            Add("Organiser", o);
        }
        foreach (var s in speakers ?? [])
        {
            Add("Speaker", s);
        }
        Add("OnsiteModerator", onsiteModerator);
        Add("OnlineModerator", onlineModerator);
        Add("Rapporteur", rapporteur);
        return fields;
    }

    public static Person[] Speakers(int count, string tag) =>
        Enumerable.Range(1, count).Select(n => new Person($"Speaker {n} {tag}", $"spk{n}-{tag}@example.org", n == count ? "Online" : "Onsite")).ToArray();

    /// <summary>Creates a proposal through the form; returns its id.</summary>
    public static async Task<int> CreateAsync(HttpClient proposer, string forum, List<KeyValuePair<string, string>> fields)
    {
        var answer = await PlenaryApp.SubmitFormAsync(proposer, $"/{forum}/proposals/new", fields, $"/{forum}/proposals/new?handler=Save");
        if (answer.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await PlenaryApp.ParseAsync(answer);
            throw new InvalidOperationException($"Not saved ({answer.StatusCode}): {page.QuerySelector("[role=alert]")?.TextContent}");
        }
        var location = answer.Headers.Location!.OriginalString;
        return int.Parse(location.Split('/')[3].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The speaker answers through the link in their e-mail, as they would in a browser without an account.</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(PlenaryApp app, string email, string answer, string mode = "Onsite", string gender = "",
        string stakeholder = "", string region = "")
    {
        var link = await app.LinkFromOutboxAsync(email, "proposal-speaker");
        return await PlenaryApp.SubmitFormAsync(app.CreateVisitor(), link, new Dictionary<string, string>
        {
            ["Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"]!, ["Answer"] = answer, ["Mode"] = mode,
            ["Gender"] = gender, ["StakeholderGroup"] = stakeholder, ["RegionalGroup"] = region,
        }, link);
    }
}
