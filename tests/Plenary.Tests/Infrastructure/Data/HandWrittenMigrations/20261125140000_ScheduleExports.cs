using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>The iCalendar SEQUENCE of each session, bumped when a subscriber's calendar must replace its copy.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125140000_ScheduleExports")]
public sealed class ScheduleExports : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<int>("ScheduleSequence", "Sessions", nullable: false, defaultValue: 0);

    protected override void Down(MigrationBuilder m) => m.DropColumn("ScheduleSequence", "Sessions");
}
