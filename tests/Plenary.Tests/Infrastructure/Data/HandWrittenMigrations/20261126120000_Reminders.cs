using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>
/// Reminders of the reporting cycle, each recorded once per writer, session, kind and deadline (the unique index is what
/// keeps two instances from sending one twice); the forum's reminder lead before the report deadline; transcripts.
/// </summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261126120000_Reminders")]
public sealed class Reminders : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("ReportReminderHours", "Forums", nullable: true);

        m.CreateTable("ReminderSent", t => new
        {
            Id = t.LongIdentity(),
            SessionId = t.Column<int>(),
            AccountId = t.Column<int>(),
            Kind = t.Column<string>(maxLength: 40),
            Instant = t.Column<DateTime>(),
            SentAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReminderSent", x => x.Id);
            t.ForeignKey("FK_ReminderSent_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReminderSent_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ReminderSent_SessionId_AccountId_Kind_Instant", "ReminderSent", ["SessionId", "AccountId", "Kind", "Instant"], unique: true);
        m.CreateIndex("IX_ReminderSent_AccountId", "ReminderSent", "AccountId");

        m.CreateTable("Transcripts", t => new
        {
            SessionId = t.Column<int>(),
            Format = t.Column<string>(maxLength: 40),
            Source = t.Column<string>(maxLength: 400_000),
            Turns = t.Column<string>(maxLength: 1_000_000),
            SearchText = t.Column<string>(maxLength: 400_000),
            SavedAt = t.Column<DateTime>(),
            SavedBy = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Transcripts", x => x.SessionId);
            t.ForeignKey("FK_Transcripts_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Transcripts_Accounts_SavedBy", x => x.SavedBy, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Transcripts_SavedBy", "Transcripts", "SavedBy");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("Transcripts");
        m.DropTable("ReminderSent");
        m.DropColumn("ReportReminderHours", "Forums");
    }
}
