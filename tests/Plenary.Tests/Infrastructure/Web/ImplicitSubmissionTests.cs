using System.Net;
using Plenary.Tests.Features.Messages;
using Plenary.Tests.Features.Proposals;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// Enter in a field presses the form's first submit button in tree order. On every page of the workspace, a form with
/// several submit buttons must make that the harmless one: a hidden default (Shared/_DefaultSubmit) or a save.
/// </summary>
public abstract class ImplicitSubmissionTests(PlenaryApp app)
{
    [Fact]
    public async Task Every_form_with_several_submit_buttons_saves_or_decides_nothing_on_enter()
    {
        // A forum with held sessions, outputs, messages' material and a registration waiting for a decision.
        var forum = await MessagesForum.MakeAsync(app);
        await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        using var secretariat = await app.SecretariatOfAsync(forum.Slug);
        string[] pages =
        [
            .. new[]
            {
                "manage", "manage/team", "manage/rooms", "manage/sessions", "manage/sessions/new", "sessions/ws-1/edit", "sessions/ws-1/report",
                "manage/reports", "manage/people", "manage/invitations", "manage/session-types", "manage/subthemes", "manage/import", "register",
                "manage/registrations", "manage/check-in", "manage/online", "manage/timetable", "manage/timetable/settings",
                "manage/timetable/availability", "manage/timetable/schedule", "manage/timetable/releases", "sessions/ws-1/live",
                "sessions/ws-1/console", "manage/messages", "manage/messages/access", "agenda", "programme", "manage/reviews",
                "manage/reviews/assignments", "manage/reviews/ranking",
            }.Select(p => $"/{forum.Slug}/{p}"),
            $"/{ProposalForums.Open}/proposals/new", "/account", "/account/api-tokens", "/account/two-factor",
        ];

        var harmful = new List<string>();
        var several = new List<string>();
        foreach (var url in pages)
        {
            using var response = await secretariat.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            foreach (var form in (await PlenaryApp.ParseAsync(response)).QuerySelectorAll("form"))
            {
                if (ImplicitSubmission.SubmitButtons(form).Count < 2)
                {
                    continue;
                }
                var enter = ImplicitSubmission.DefaultButton(form);
                var handler = ImplicitSubmission.Handler(form, enter);
                several.Add($"{url} {ImplicitSubmission.Handler(form)}");
                if (!ImplicitSubmission.IsHiddenDefault(enter) && handler != "Save")
                {
                    harmful.Add($"{url}: Enter in the form posting to {form.GetAttribute("action")} presses “{enter.TextContent.Trim()}” ({handler ?? "the form's own action"})");
                }
            }
        }

        harmful.ShouldBeEmpty();
        // The sweep saw the forms it is about: the report form, a registration's decision and the proposal form.
        several.ShouldContain($"/{forum.Slug}/sessions/ws-1/report ");
        several.ShouldContain($"/{forum.Slug}/manage/registrations Decide");
        several.ShouldContain($"/{ProposalForums.Open}/proposals/new Save");
    }
}

[Collection("sqlite")]
public sealed class ImplicitSubmissionOnSqlite(SqliteApp app) : ImplicitSubmissionTests(app);

[Collection("postgres")]
public sealed class ImplicitSubmissionOnPostgres(PostgresApp app) : ImplicitSubmissionTests(app);
