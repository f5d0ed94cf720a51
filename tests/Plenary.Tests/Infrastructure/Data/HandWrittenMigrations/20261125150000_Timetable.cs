using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>The timetable's grid, breaks, rule severities, room and person availability; expected attendance; a person's time zone.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125150000_Timetable")]
public sealed class Timetable : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("ExpectedAttendance", "Sessions", nullable: true);
        m.AddColumn<string>("TimeZoneId", "People", maxLength: 64, nullable: true);
        m.CreateTable("TimetableSettings", t => new
        {
            ForumId = t.Column<int>(),
            DayStartMinutes = t.Column<int>(),
            DayEndMinutes = t.Column<int>(),
            SlotMinutes = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TimetableSettings", x => x.ForumId);
            t.ForeignKey("FK_TimetableSettings_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateTable("TimetableBreaks", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            StartMinutes = t.Column<int>(),
            EndMinutes = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TimetableBreaks", x => x.Id);
            t.ForeignKey("FK_TimetableBreaks_TimetableSettings_ForumId", x => x.ForumId, "TimetableSettings", "ForumId", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_TimetableBreaks_ForumId", "TimetableBreaks", "ForumId");
        m.CreateTable("RuleSeverities", t => new
        {
            ForumId = t.Column<int>(),
            Rule = t.Column<string>(maxLength: 40),
            Severity = t.Column<string>(maxLength: 40),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RuleSeverities", x => new { x.ForumId, x.Rule });
            t.ForeignKey("FK_RuleSeverities_TimetableSettings_ForumId", x => x.ForumId, "TimetableSettings", "ForumId", onDelete: ReferentialAction.Cascade);
        });
        m.CreateTable("RoomAvailabilities", t => new
        {
            Id = t.Identity(),
            RoomId = t.Column<int>(),
            Day = t.Column<DateOnly>(),
            StartMinutes = t.Column<int>(),
            EndMinutes = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RoomAvailabilities", x => x.Id);
            t.ForeignKey("FK_RoomAvailabilities_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_RoomAvailabilities_RoomId_Day", "RoomAvailabilities", ["RoomId", "Day"]);
        m.CreateTable("PersonAvailabilities", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            PersonId = t.Column<int>(),
            Day = t.Column<DateOnly>(),
            StartMinutes = t.Column<int>(),
            EndMinutes = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PersonAvailabilities", x => x.Id);
            t.ForeignKey("FK_PersonAvailabilities_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_PersonAvailabilities_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PersonAvailabilities_ForumId_PersonId", "PersonAvailabilities", ["ForumId", "PersonId"]);
        m.CreateIndex("IX_PersonAvailabilities_PersonId", "PersonAvailabilities", "PersonId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("PersonAvailabilities");
        m.DropTable("RoomAvailabilities");
        m.DropTable("RuleSeverities");
        m.DropTable("TimetableBreaks");
        m.DropTable("TimetableSettings");
        m.DropColumn("TimeZoneId", "People");
        m.DropColumn("ExpectedAttendance", "Sessions");
    }
}
