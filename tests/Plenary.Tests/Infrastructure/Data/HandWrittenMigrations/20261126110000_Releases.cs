using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>Timetable releases with their snapshots, and personal agendas with their settings and secret calendar links.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261126110000_Releases")]
public sealed class Releases : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("TimetableReleases", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            Name = t.Column<string>(maxLength: 100),
            ReleasedAt = t.Column<DateTime>(),
            ReleasedBy = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TimetableReleases", x => x.Id);
            t.ForeignKey("FK_TimetableReleases_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TimetableReleases_Accounts_ReleasedBy", x => x.ReleasedBy, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_TimetableReleases_ForumId_Id", "TimetableReleases", ["ForumId", "Id"]);
        m.CreateIndex("IX_TimetableReleases_ReleasedBy", "TimetableReleases", "ReleasedBy");

        m.CreateTable("ReleasedSessions", t => new
        {
            ReleaseId = t.Column<int>(),
            SessionId = t.Column<int>(),
            StartsAt = t.Column<DateTime>(nullable: true),
            EndsAt = t.Column<DateTime>(nullable: true),
            RoomId = t.Column<int>(nullable: true),
            Status = t.Column<string>(maxLength: 40),
            Sequence = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReleasedSessions", x => new { x.ReleaseId, x.SessionId });
            t.ForeignKey("FK_ReleasedSessions_TimetableReleases_ReleaseId", x => x.ReleaseId, "TimetableReleases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReleasedSessions_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReleasedSessions_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ReleasedSessions_SessionId", "ReleasedSessions", "SessionId");
        m.CreateIndex("IX_ReleasedSessions_RoomId", "ReleasedSessions", "RoomId");

        m.CreateTable("AgendaEntries", t => new
        {
            AccountId = t.Column<int>(),
            SessionId = t.Column<int>(),
            ForumId = t.Column<int>(),
            SavedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AgendaEntries", x => new { x.AccountId, x.SessionId });
            t.ForeignKey("FK_AgendaEntries_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AgendaEntries_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AgendaEntries_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AgendaEntries_ForumId_AccountId", "AgendaEntries", ["ForumId", "AccountId"]);
        m.CreateIndex("IX_AgendaEntries_SessionId", "AgendaEntries", "SessionId");

        m.CreateTable("AgendaSettings", t => new
        {
            AccountId = t.Column<int>(),
            ForumId = t.Column<int>(),
            Zone = t.Column<string>(maxLength: 40),
            FeedHash = t.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AgendaSettings", x => new { x.AccountId, x.ForumId });
            t.ForeignKey("FK_AgendaSettings_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AgendaSettings_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AgendaSettings_FeedHash", "AgendaSettings", "FeedHash", unique: true);
        m.CreateIndex("IX_AgendaSettings_ForumId", "AgendaSettings", "ForumId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("AgendaSettings");
        m.DropTable("AgendaEntries");
        m.DropTable("ReleasedSessions");
        m.DropTable("TimetableReleases");
    }
}
