using System.Diagnostics;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Forums.Archive;

/// <summary>
/// <c>dotnet Plenary.dll import|export</c>, as <c>dotnet run --project src/Plenary -- …</c> runs it: the app's own
/// program, as a process of its own, on a database of its own that it migrates first; the server never starts.
/// </summary>
public abstract class ForumArchiveCommandTests
{
    /// <summary>Settings (as environment variables) that point the app at an empty database of the test's own.</summary>
    protected abstract Task<Dictionary<string, string>> DatabaseAsync();

    private async Task<(int Code, string Output, string Errors)> RunAsync(Dictionary<string, string> database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Plenary.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // Only what the command itself says: not the log of migrating a fresh database.
        start.Environment["Logging__LogLevel__Default"] = "None";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "None";
        foreach (var (name, value) in database)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
    }

    [Fact]
    public async Task The_commands_import_a_forum_into_an_empty_database_and_export_it_back_byte_for_byte_and_refuse_a_bad_file_writing_nothing()
    {
        var database = await DatabaseAsync();
        var folder = Directory.CreateTempSubdirectory("plenary-command-").FullName;
        try
        {
            if (ChecksRefusals)
            {
                var bad = Path.Combine(folder, "bad.json");
                await File.WriteAllTextAsync(bad, (await File.ReadAllTextAsync(ForumArchiveTests.CorpusFile)).Replace("\"version\": 4", "\"version\": 7", StringComparison.Ordinal));
                var refused = await RunAsync(database, "import", bad);
                refused.Code.ShouldBe(1, refused.Errors);
                refused.Errors.ShouldContain("version: Version 7 is not one this Plenary reads: it reads versions 1 to 4.");
                refused.Output.ShouldBeEmpty();
            }

            var imported = await RunAsync(database, "import", ForumArchiveTests.CorpusFile);
            imported.Code.ShouldBe(0, imported.Errors);
            imported.Output.ShouldStartWith("Imported corpus (Record shapes 2006–2025 (invented corpus))");
            imported.Output.ShouldContain("16 sessions, 20 people (0 already on record), 4 organisations");
            imported.Output.Split('\n').Length.ShouldBe(1);

            var file = Path.Combine(folder, "out.json");
            var exported = await RunAsync(database, "export", "corpus", file);
            exported.Code.ShouldBe(0, exported.Errors);
            var (written, given) = (await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(ForumArchiveTests.CorpusFile));
            written.SequenceEqual(given).ShouldBeTrue("the export differs from the file imported");

            if (ChecksRefusals)
            {
                var again = await RunAsync(database, "import", ForumArchiveTests.CorpusFile);
                again.Code.ShouldBe(1);
                again.Errors.ShouldContain("forum.slug: A forum already uses the address “corpus”.");
                (await RunAsync(database, "export", "nowhere", file)).Code.ShouldBe(1);
                (await RunAsync(database, "export")).Code.ShouldBe(2);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await DisposeDatabaseAsync();
        }
    }

    protected abstract Task DisposeDatabaseAsync();

    /// <summary>
    /// Whether this run also tries the refusals (a document of another version, a forum already there, an unknown forum,
    /// no arguments). They are decided before the database is written, by code both providers share, and each is a
    /// process start of several seconds: SQLite tries them, PostgreSQL only imports and exports.
    /// </summary>
    protected virtual bool ChecksRefusals => false;
}

public sealed class ForumArchiveCommandOnSqlite : ForumArchiveCommandTests
{
    protected override bool ChecksRefusals => true;

    private readonly string folder = Directory.CreateTempSubdirectory("plenary-command-db-").FullName;

    protected override Task<Dictionary<string, string>> DatabaseAsync() =>
        Task.FromResult(new Dictionary<string, string> { ["Plenary__DataFolder"] = folder });

    protected override Task DisposeDatabaseAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class ForumArchiveCommandOnPostgres : ForumArchiveCommandTests
{
    private readonly PostgresDatabase database = new();

    protected override async Task<Dictionary<string, string>> DatabaseAsync()
    {
        await database.CreateAsync();
        return new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database.ConnectionString };
    }

    protected override Task DisposeDatabaseAsync() => database.DropAsync();
}
