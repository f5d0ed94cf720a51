using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>
/// The reporting cycle: the forum's deadlines, the structured session and gender reports, each session's extensions,
/// submission marks and draft, and the versions of everything submitted.
/// </summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125120000_Reporting")]
public sealed class Reporting : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("TakeawaysDueMinutes", "Forums", nullable: true);
        m.AddColumn<DateOnly>("ReportDeadline", "Forums", nullable: true);

        m.AddColumn<string>("KeyIssues", "SessionReports", maxLength: 10_000, nullable: true);
        m.AddColumn<string>("Presentations", "SessionReports", maxLength: 20_000, nullable: true);
        m.AddColumn<string>("WayForward", "SessionReports", maxLength: 10_000, nullable: true);
        m.AddColumn<int>("OnsiteParticipants", "SessionReports", nullable: true);
        m.AddColumn<int>("OnlineParticipants", "SessionReports", nullable: true);

        m.AddColumn<int>("WomenSpeakers", "GenderReports", nullable: true);
        m.AddColumn<int>("WomenModerators", "GenderReports", nullable: true);

        m.CreateTable("SessionReporting", t => new
        {
            SessionId = t.Column<int>(),
            TakeawaysExtendedTo = t.Column<DateTime>(nullable: true),
            ReportExtendedTo = t.Column<DateTime>(nullable: true),
            TakeawaysSubmittedAt = t.Column<DateTime>(nullable: true),
            TakeawaysDueAt = t.Column<DateTime>(nullable: true),
            ReportSubmittedAt = t.Column<DateTime>(nullable: true),
            ReportDueAt = t.Column<DateTime>(nullable: true),
            Draft = t.Column<string>(maxLength: 200_000, nullable: true),
            DraftSavedAt = t.Column<DateTime>(nullable: true),
            DraftSavedBy = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SessionReporting", x => x.SessionId);
            t.ForeignKey("FK_SessionReporting_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SessionReporting_Accounts_DraftSavedBy", x => x.DraftSavedBy, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_SessionReporting_DraftSavedBy", "SessionReporting", "DraftSavedBy");

        m.CreateTable("OutputVersions", t => new
        {
            Id = t.Identity(),
            SessionId = t.Column<int>(),
            Part = t.Column<string>(maxLength: 40),
            Number = t.Column<int>(),
            SubmittedAt = t.Column<DateTime>(),
            DueAt = t.Column<DateTime>(nullable: true),
            AccountId = t.Column<int>(nullable: true),
            SubmittedBy = t.Column<string>(maxLength: 200),
            Content = t.Column<string>(maxLength: 200_000),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OutputVersions", x => x.Id);
            t.ForeignKey("FK_OutputVersions_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_OutputVersions_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_OutputVersions_SessionId_Part_Number", "OutputVersions", ["SessionId", "Part", "Number"], unique: true);
        m.CreateIndex("IX_OutputVersions_SubmittedAt", "OutputVersions", "SubmittedAt");
        m.CreateIndex("IX_OutputVersions_AccountId", "OutputVersions", "AccountId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("OutputVersions");
        m.DropTable("SessionReporting");
        m.DropColumn("WomenModerators", "GenderReports");
        m.DropColumn("WomenSpeakers", "GenderReports");
        m.DropColumn("OnlineParticipants", "SessionReports");
        m.DropColumn("OnsiteParticipants", "SessionReports");
        m.DropColumn("WayForward", "SessionReports");
        m.DropColumn("Presentations", "SessionReports");
        m.DropColumn("KeyIssues", "SessionReports");
        m.DropColumn("ReportDeadline", "Forums");
        m.DropColumn("TakeawaysDueMinutes", "Forums");
    }
}
