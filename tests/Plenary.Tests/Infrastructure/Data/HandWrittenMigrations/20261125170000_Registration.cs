using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>Registrations for a forum, arrivals read from badges, the forum's registration settings, and online join links.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125170000_Registration")]
public sealed class Registration : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("RegistrationSettings", t => new
        {
            ForumId = t.Column<int>(),
            NeedsApproval = t.Column<bool>(),
            ClosesAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RegistrationSettings", x => x.ForumId);
            t.ForeignKey("FK_RegistrationSettings_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("Registrations", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            AccountId = t.Column<int>(),
            PersonId = t.Column<int>(),
            Mode = t.Column<string>(maxLength: 40),
            HubName = t.Column<string>(maxLength: 200, nullable: true),
            HubHeadcount = t.Column<int>(nullable: true),
            StakeholderGroup = t.Column<string>(maxLength: 40, nullable: true),
            RegionalGroup = t.Column<string>(maxLength: 40, nullable: true),
            CountryCode = t.Column<string>(maxLength: 2, nullable: true),
            Gender = t.Column<string>(maxLength: 40, nullable: true),
            AccessibilityNeeds = t.Column<string>(maxLength: 1_000, nullable: true),
            Languages = t.Column<string>(maxLength: 200, nullable: true),
            Status = t.Column<string>(maxLength: 40),
            DecisionReason = t.Column<string>(maxLength: 1_000, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecidedBy = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
            BadgeSecret = t.Column<string>(maxLength: 12),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Registrations", x => x.Id);
            t.ForeignKey("FK_Registrations_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Registrations_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Registrations_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Registrations_ForumId_AccountId", "Registrations", ["ForumId", "AccountId"], unique: true);
        m.CreateIndex("IX_Registrations_ForumId_Status", "Registrations", ["ForumId", "Status"]);
        m.CreateIndex("IX_Registrations_AccountId", "Registrations", "AccountId");
        m.CreateIndex("IX_Registrations_PersonId", "Registrations", "PersonId");

        m.CreateTable("CheckIns", t => new
        {
            Id = t.LongIdentity(),
            RegistrationId = t.Column<int>(),
            ForumId = t.Column<int>(),
            Day = t.Column<DateOnly>(),
            At = t.Column<DateTime>(),
            RoomId = t.Column<int>(nullable: true),
            ByAccountId = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CheckIns", x => x.Id);
            t.ForeignKey("FK_CheckIns_Registrations_RegistrationId", x => x.RegistrationId, "Registrations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CheckIns_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_CheckIns_ForumId_Day", "CheckIns", ["ForumId", "Day"]);
        m.CreateIndex("IX_CheckIns_RegistrationId", "CheckIns", "RegistrationId");
        m.CreateIndex("IX_CheckIns_RoomId", "CheckIns", "RoomId");

        m.CreateTable("JoinLinks", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            SessionId = t.Column<int>(nullable: true),
            RoomId = t.Column<int>(nullable: true),
            Url = t.Column<string>(maxLength: 500),
            Passcode = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_JoinLinks", x => x.Id);
            t.ForeignKey("FK_JoinLinks_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_JoinLinks_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_JoinLinks_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.Cascade);
            t.CheckConstraint("CK_JoinLinks_SessionOrRoom", "(\"SessionId\" IS NULL) <> (\"RoomId\" IS NULL)");
        });
        m.CreateIndex("IX_JoinLinks_ForumId", "JoinLinks", "ForumId");
        m.CreateIndex("IX_JoinLinks_SessionId", "JoinLinks", "SessionId", unique: true);
        m.CreateIndex("IX_JoinLinks_RoomId", "JoinLinks", "RoomId", unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("JoinLinks");
        m.DropTable("CheckIns");
        m.DropTable("Registrations");
        m.DropTable("RegistrationSettings");
    }
}
