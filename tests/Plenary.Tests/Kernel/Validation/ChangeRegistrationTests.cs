using Microsoft.Extensions.DependencyInjection;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Kernel.Validation;

/// <summary>
/// Each feature registers its own <c>&lt;Thing&gt;Change</c> services in its <c>AddX()</c>, where a reader finds them;
/// nothing registers them by their name. A change service a feature forgot fails here, not at the first request using it.
/// </summary>
public abstract class ChangeRegistrationTests(PlenaryApp app)
{
    [Fact]
    public void Every_change_service_of_the_features_is_registered()
    {
        // Records are data (a timetable's change, a release's), not services.
        var changes = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Namespace?.StartsWith("Plenary.Features", StringComparison.Ordinal) == true
                && t.Name.EndsWith("Change", StringComparison.Ordinal) && t.GetMethod("<Clone>$") is null)
            .ToList();
        changes.Count.ShouldBeGreaterThan(10);
        using var scope = app.Services.CreateScope();
        changes.Where(t => scope.ServiceProvider.GetService(t) is null).Select(t => t.FullName).ShouldBeEmpty("change services no AddX() registers");
    }
}

[Collection("sqlite")]
public sealed class ChangeRegistrationOnSqlite(SqliteApp app) : ChangeRegistrationTests(app);

[Collection("postgres")]
public sealed class ChangeRegistrationOnPostgres(PostgresApp app) : ChangeRegistrationTests(app);
