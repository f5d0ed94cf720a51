using Plenary.Features.Sessions;

namespace Plenary.Features.Demo;

public static partial class DemoForum
{
    private static readonly string[] PolicyQuestions =
    [
        "1. Who should decide how {0} is governed, and how are those affected heard?\n2. Which commitments made at earlier forums have been kept, and which have not?\n3. What can governments, business and civil society each do in the next year?",
        "1. What evidence do we have on {0}, and what is missing?\n2. How can rules made in one country avoid harming users in another?\n3. Which cooperation between regions would make the most difference?",
        "1. How do people who are not yet online take part in decisions on {0}?\n2. What safeguards for human rights must any approach keep?",
    ];

    private static readonly string[] ExpectedOutcomes =
    [
        "A short list of recommendations on {0}, shared with the forum's messages, and a network of participants who agreed to follow up before the next forum.",
        "- A summary report published within two weeks\n- Input to the intersessional work on {0}\n- Contacts between the regional initiatives present",
    ];

    /// <summary>
    /// The IGF 2022 template's record sections, and policy questions and expected outcomes for a dozen workshops, so that
    /// the session pages show sections from the first start. Written without the generator's random draws, so the rest of
    /// the demo stays as it was.
    /// </summary>
    private static void AddRecordSections(DemoContent content)
    {
        var sections = IgfSections.For(content.Forum.Year).Select((t, i) => new RecordSection
        {
            Slug = t.Slug, Title = t.Title, HelpText = t.Help, InProposalForm = t.InProposalForm, IsPublic = t.IsPublic, Position = i + 1,
        }).ToList();
        content.Forum.RecordSections.AddRange(sections);
        var questions = sections.Single(s => s.Slug == "policy_questions");
        var outcomes = sections.Single(s => s.Slug == "expected_outcomes");
        var n = 0;
        foreach (var session in content.Sessions.Where(s => s.Type.Code == "WS").OrderBy(s => s.Number).Take(12))
        {
            var topic = $"“{session.Title}”";
            session.Sections.Add(new SessionSection { Section = questions, Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, PolicyQuestions[n % PolicyQuestions.Length], topic) });
            session.Sections.Add(new SessionSection { Section = outcomes, Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, ExpectedOutcomes[n % ExpectedOutcomes.Length], topic) });
            n++;
        }
    }
}
