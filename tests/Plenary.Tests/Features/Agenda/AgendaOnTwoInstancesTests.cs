using AngleSharp.Html.Dom;
using Plenary.Features.Sessions;
using Plenary.Tests.Features.Releases;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Agenda;

/// <summary>
/// Each instance remembers readers' agendas (KeptAgendas); behind a load balancer a reader's next page may come from
/// the other instance, which must not show the agenda as it was before their change.
/// </summary>
public sealed class AgendaOnTwoInstancesTests
{
    private static string Id(Session s) => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The sessions the reader's own stylesheet turns to "Remove" on the programme.</summary>
    private static HashSet<int> SavedIn(IHtmlDocument page) =>
        page.Head!.QuerySelectorAll("style").SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s.TextContent,
            @"\.agenda-remove\[value=""(\d+)""\]")).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    [Fact]
    public async Task A_change_on_one_instance_shows_on_the_other_at_once_on_the_programme_and_the_session_page()
    {
        await using var instances = await TwoInstances.StartAsync();
        var (first, second) = (instances.First, instances.Second);
        var forum = await ReleaseForum.CreateAsync(first);
        var session = await forum.SessionAsync(1, "Worth saving", ReleaseForum.At(new DateOnly(2030, 3, 4), 0, 9));
        await first.ReleaseTimetableAsync(forum.Slug);
        using var onFirst = await first.SignedInVisitorAsync($"ag{Guid.NewGuid():N}@example.org");
        using var onSecond = second.CreateDefaultClient(new Uri("http://localhost"), new CookieJar(first.JarOf(onFirst)));

        async Task<bool> SavedOnProgramme(HttpClient on) =>
            SavedIn(await PlenaryApp.ParseAsync(await on.GetAsync($"/{forum.Slug}/programme"))).Contains(session.Id);
        async Task<string> SessionPageButton(HttpClient on) =>
            ShownAgendaButton.Of(await PlenaryApp.ParseAsync(await on.GetAsync($"/{forum.Slug}/sessions/{session.Key}")), session.Id).TextContent;

        // The second instance reads (and remembers) the reader's empty agenda.
        (await SavedOnProgramme(onSecond)).ShouldBeFalse();
        (await SessionPageButton(onSecond)).ShouldContain("Add to my schedule");

        await ReleaseTests.SaveAsync(onFirst, forum.Slug, session.Id);
        (await SavedOnProgramme(onSecond)).ShouldBeTrue("saved on the first instance, shown by the second at once");
        (await SessionPageButton(onSecond)).ShouldContain("Remove from my schedule");
        (await SavedOnProgramme(onFirst)).ShouldBeTrue();

        (await PlenaryApp.SubmitFormAsync(onSecond, $"/{forum.Slug}/sessions/{session.Key}", new Dictionary<string, string> { ["session"] = Id(session) },
            $"/{forum.Slug}/agenda?handler=Remove")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await SavedOnProgramme(onFirst)).ShouldBeFalse("removed on the second instance, shown by the first at once");
        (await SessionPageButton(onFirst)).ShouldContain("Add to my schedule");
    }
}
