namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>A clock the test sets: the reminders' sweep, or a whole app, reads the time from it.</summary>
public sealed class SetClock(DateTime utc) : TimeProvider
{
    public DateTime Now { get; set; } = utc;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
}
