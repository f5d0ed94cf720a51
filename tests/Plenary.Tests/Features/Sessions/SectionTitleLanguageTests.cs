using System.Net;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Sessions;

/// <summary>
/// The IGF's usual record sections are headed in the reader's language, as session types are; a title the Secretariat
/// chose is the forum's own text and is shown as written.
/// </summary>
public abstract class SectionTitleLanguageTests(PlenaryApp app)
{
    [Theory]
    [InlineData("fr", "Questions de politique publique", "Ordre du jour")]
    [InlineData("ar", "مسائل السياسات", "جدول الأعمال")]
    [InlineData("zh-Hans", "政策问题", "会议议程")]
    public async Task Usual_section_titles_show_in_the_readers_language_and_a_chosen_one_as_written(string culture, string policyQuestions, string agenda)
    {
        var forum = await app.ForumOfItsOwnAsync("sections", shape: f => f.RecordSections =
        [
            new RecordSection { Slug = "policy_questions", Title = "Policy questions", Position = 1 },
            new RecordSection { Slug = "agenda", Title = "Agenda", Position = 2 },
            new RecordSection { Slug = "expected_outcomes", Title = "What we hope to leave with", Position = 3 },
        ]);
        var session = await app.UnscheduledSessionAsync(forum, "WS", 1, "Sections in every language");
        await app.InDbAsync(async db =>
        {
            foreach (var section in db.RecordSections.Where(r => r.ForumId == forum.Id).ToList())
            {
                db.Add(new SessionSection { SessionId = session.Id, SectionId = section.Id, Text = $"Text of {section.Slug}" });
            }
            await db.SaveChangesAsync();
        });

        var (status, page) = await app.GetPageAsync($"/{forum.Slug}/sessions/{session.Key}?culture={culture}");

        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("#section-policy_questions")!.TextContent.Trim().ShouldBe(policyQuestions);
        page.QuerySelector("#section-agenda")!.TextContent.Trim().ShouldBe(agenda);
        page.QuerySelector("#section-expected_outcomes")!.TextContent.Trim().ShouldBe("What we hope to leave with");
    }
}

[Collection("sqlite")]
public sealed class SectionTitleLanguageOnSqlite(SqliteApp app) : SectionTitleLanguageTests(app);

[Collection("postgres")]
public sealed class SectionTitleLanguageOnPostgres(PostgresApp app) : SectionTitleLanguageTests(app);
