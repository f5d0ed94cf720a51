using System.Text;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Features.Messages;
using Plenary.Features.Proposals;
using Plenary.Features.Queue;
using Plenary.Features.Reports;
using Plenary.Features.Reviews;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Demo;

/// <summary>
/// The documented demo accounts: one per role of the live demo forum, all with the same published password, so a newcomer
/// can play each part of a forum's year. A published password is a door anyone can open, so the rule is strict: the
/// accounts get it only when the demo is seeded in a configuration that allows it (by default, the Development environment
/// that <c>dotnet run</c> uses; elsewhere only with <c>Plenary:Demo:Accounts=true</c>; in Production never, whatever the
/// setting). The same people and accounts exist in every configuration, for the story needs them, but without the
/// password their addresses in the .invalid domain receive no mail, so nobody can sign in as them; and a database seeded
/// with the password and then started where it is not allowed loses it at that start.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "plenary-demo";

    /// <summary>What each role's account is for, and where to start: the table the log prints and the README shows.</summary>
    public static readonly IReadOnlyList<(DemoRole Role, string Start, string Try)> Guide =
    [
        (DemoRole.Secretariat, ManageLinks.Workspace(DemoForum.LiveSlug), "run the forum: decide pending registrations, rank and decide proposals, watch report compliance, move sessions"),
        (DemoRole.Reviewer, ReviewLinks.Mine(DemoForum.LiveSlug), "score the proposals still in review (anonymous, 1 to 5 per criterion)"),
        (DemoRole.Proposer, ProposalLinks.Mine(DemoForum.LiveSlug), "see a proposal in every state and why; submit the draft to the open call; register"),
        (DemoRole.Rapporteur, ReportLinks.Write(DemoForum.LiveSlug, SessionKeyOf("TH", DemoForum.StoryNumber)), "write the takeaways due within the hour"),
        (DemoRole.Moderator, QueueLinks.Console(DemoForum.LiveSlug, SessionKeyOf("WS", DemoForum.StoryWorkshop)), "run the live session's queue: give the floor, approve questions"),
        (DemoRole.Participant, QueueLinks.Live(DemoForum.LiveSlug, SessionKeyOf("WS", DemoForum.StoryWorkshop)), "raise a hand, upvote a question; see your agenda and badge"),
        (DemoRole.MessageEditor, MessageLinks.Manage(DemoForum.LiveSlug), "draft the forum's messages from the takeaways submitted so far"),
    ];

    public static string Email(DemoRole role) => role switch
    {
        DemoRole.MessageEditor => $"editor@{DemoForum.DemoDomain}",
        _ => $"{role.ToString().ToLowerInvariant()}@{DemoForum.DemoDomain}",
    };

    /// <summary>Whether the demo accounts may have the published password in this configuration.</summary>
    public static bool Allowed(DemoOptions options, IHostEnvironment environment) =>
        !environment.IsProduction() && (options.Accounts ?? environment.IsDevelopment());

    /// <summary>
    /// At every start: where the password is allowed, prints the accounts that have it; where it is not, takes it away from
    /// any that have it (a database seeded in Development, then deployed).
    /// </summary>
    public static async Task AtStartAsync(PlenaryDb db, DemoOptions options, IHostEnvironment environment, ILogger logger, CancellationToken cancel)
    {
        var addresses = Enum.GetValues<DemoRole>().Select(r => Email(r).ToUpperInvariant()).ToList();
        var withPassword = db.Users.Where(a => addresses.Contains(a.NormalizedEmail!) && a.PasswordHash != null);
        if (!Allowed(options, environment))
        {
            if (options.Accounts == true)
            {
                logger.LogWarning("Plenary:Demo:Accounts is ignored in Production: demo accounts never get their published password there.");
            }
            var removed = await withPassword.ExecuteUpdateAsync(u => u
                .SetProperty(a => a.PasswordHash, (string?)null)
                .SetProperty(a => a.SecurityStamp, Guid.NewGuid().ToString("N")), cancel);
            if (removed > 0)
            {
                logger.LogWarning("Removed the published password of {Count} demo accounts: this configuration does not allow them.", removed);
            }
            return;
        }
        var present = await withPassword.Select(a => a.NormalizedEmail!).ToListAsync(cancel);
        if (present.Count == 0)
        {
            return;
        }
        var table = new StringBuilder();
        foreach (var (role, start, what) in Guide.Where(g => present.Contains(Email(g.Role).ToUpperInvariant())))
        {
            table.Append('\n').Append($"  {role,-14} {Email(role),-28} {start,-36} {what}");
        }
        logger.LogInformation("Demo accounts, password “{Password}” (not for production: set Plenary:Demo:Accounts=false to go without):{Accounts}",
            Password, table.ToString());
    }

    private static string SessionKeyOf(string type, int number) => Sessions.SessionKey.Format(type, number);
}
