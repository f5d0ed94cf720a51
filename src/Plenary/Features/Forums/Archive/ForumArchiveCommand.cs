using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Forums.Archive;

/// <summary>
/// <c>dotnet run --project src/Plenary -- export igf2022 forum.json</c> and <c>-- import forum.json</c>: the forum
/// document written or read against the configured database, without starting the web server. Run after the database is
/// migrated and before the demo is seeded, so that an import into an empty installation finds it empty.
/// </summary>
public static class ForumArchiveCommand
{
    /// <summary>True when the arguments were a command, which has run (its result in the exit code); false to start the app.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not ["import" or "export", ..])
        {
            return false;
        }
        Environment.ExitCode = await RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);
        return true;
    }

    /// <summary>The command speaks English, like the rest of the console: "1 room", "2 rooms".</summary>
    private static string Count(int n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {(n == 1 ? one : many ?? one + "s")}");

    /// <returns>0 done, 1 refused or not found, 2 the command itself is wrong.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, CancellationToken cancel)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlenaryDb>();
        switch (args)
        {
            case ["export", var slug, var file]:
            {
                if (await db.FindForumAsync(slug, cancel) is not { } forum)
                {
                    await errors.WriteLineAsync($"No forum has the address “{slug}”. Forums here: {string.Join(", ", await db.Forums.OrderBy(f => f.Slug).Select(f => f.Slug).ToListAsync(cancel))}.");
                    return 1;
                }
                var document = await ForumExport.DocumentAsync(db, forum, cancel);
                var bytes = ForumDocumentJson.Write(document);
                await File.WriteAllBytesAsync(file, bytes, cancel);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Exported {forum.Slug} ({forum.Name}) to {file}: {Count(document.Sessions?.Count ?? 0, "session")}, {Count(document.People?.Count ?? 0, "person", "people")}, {Count(document.Organisations?.Count ?? 0, "organisation")}, {bytes.Length:N0} bytes."));
                return 0;
            }
            case ["import", var file]:
            {
                if (!File.Exists(file))
                {
                    await errors.WriteLineAsync($"There is no file {file}.");
                    return 1;
                }
                // No account runs the command: the log names the command line, and the forum starts without a team.
                var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "command line")]));
                var endpoints = scope.ServiceProvider.GetRequiredService<EndpointDataSource>();
                Kernel.Validation.ChangeResult<ForumImport.Imported> result;
                await using (var stream = File.OpenRead(file))
                {
                    result = await ActivatorUtilities.CreateInstance<ForumImport>(scope.ServiceProvider).ImportAsync(stream, user, Slugs.Reserved(endpoints), cancel);
                }
                if (result.Value is not { } i)
                {
                    await errors.WriteLineAsync($"{file} was not imported; nothing was written. Problems:");
                    foreach (var (field, messages) in result.Reasons.ToProblemErrors())
                    {
                        foreach (var message in messages)
                        {
                            await errors.WriteLineAsync($"  {(field.Length == 0 ? "(file)" : field)}: {message}");
                        }
                    }
                    return 1;
                }
                // The command's host runs no background service: the full-text index is merged before it ends.
                await Search.SearchIndex.MergeAsync(scope.ServiceProvider.GetRequiredService<Infrastructure.Data.PlenaryDb>(), cancel);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Imported {i.Forum.Slug} ({i.Forum.Name}) from {file}: {Count(i.SessionTypes, "session type")}, {Count(i.Subthemes, "subtheme")}, {Count(i.Rooms, "room")}, {Count(i.Sessions, "session")}, {Count(i.People, "person", "people")} ({i.PeopleOnRecord} already on record), {Count(i.Organisations, "organisation")}. It has no team yet: a site administrator adds its Secretariat at /{i.Forum.Slug}/manage/team."));
                return 0;
            }
            default:
                await errors.WriteLineAsync("Usage: export <forum-address> <file.json> | import <file.json>");
                return 2;
        }
    }
}
