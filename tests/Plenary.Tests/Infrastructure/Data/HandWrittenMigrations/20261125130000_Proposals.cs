using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>The call for proposals, proposals with their people and SDGs, and each proposal's history of states.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125130000_Proposals")]
public sealed class Proposals : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Calls", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            SessionTypes = t.Column<string>(maxLength: 500),
            OpensAt = t.Column<DateTime>(),
            ClosesAt = t.Column<DateTime>(),
            RequireCompleteFields = t.Column<bool>(),
            MinConfirmedSpeakers = t.Column<int>(nullable: true),
            RequireGenderDiversity = t.Column<bool>(),
            MinOnsiteSpeakers = t.Column<int>(nullable: true),
            RequireOnsiteModerator = t.Column<bool>(),
            RequireGroupDiversity = t.Column<bool>(),
            MaxProposalsPerSpeaker = t.Column<int>(nullable: true),
            ReviewersMayNotProposeWorkshops = t.Column<bool>(),
            FlagMissingReports = t.Column<bool>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Calls", x => x.Id);
            t.ForeignKey("FK_Calls_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Calls_ForumId", "Calls", "ForumId", unique: true);

        m.CreateTable("Proposals", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            ProposerId = t.Column<int>(nullable: true),
            ProposerName = t.Column<string>(maxLength: 200),
            Title = t.Column<string>(maxLength: 300),
            TypeId = t.Column<int>(),
            Format = t.Column<string>(maxLength: 40),
            Layout = t.Column<string>(maxLength: 40),
            LengthMinutes = t.Column<int>(),
            SubthemeId = t.Column<int>(nullable: true),
            Tags = t.Column<string>(maxLength: 1_000, nullable: true),
            Description = t.Column<string>(maxLength: 20_000, nullable: true),
            PolicyQuestions = t.Column<string>(maxLength: 20_000, nullable: true),
            ExpectedOutcomes = t.Column<string>(maxLength: 20_000, nullable: true),
            OnlineEngagement = t.Column<string>(maxLength: 20_000, nullable: true),
            State = t.Column<string>(maxLength: 40),
            CreatedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
            SubmittedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Proposals", x => x.Id);
            t.ForeignKey("FK_Proposals_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Proposals_Accounts_ProposerId", x => x.ProposerId, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Proposals_SessionTypes_TypeId", x => x.TypeId, "SessionTypes", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Proposals_Subthemes_SubthemeId", x => x.SubthemeId, "Subthemes", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Proposals_ForumId_State", "Proposals", ["ForumId", "State"]);
        m.CreateIndex("IX_Proposals_ProposerId", "Proposals", "ProposerId");
        m.CreateIndex("IX_Proposals_TypeId", "Proposals", "TypeId");
        m.CreateIndex("IX_Proposals_SubthemeId", "Proposals", "SubthemeId");

        m.CreateTable("ProposalPeople", t => new
        {
            Id = t.Identity(),
            ProposalId = t.Column<int>(),
            Kind = t.Column<string>(maxLength: 40),
            Name = t.Column<string>(maxLength: 200),
            Email = t.Column<string>(maxLength: 256),
            Mode = t.Column<string>(maxLength: 40),
            Position = t.Column<int>(),
            Answer = t.Column<string>(maxLength: 40),
            InvitedAt = t.Column<DateTime>(nullable: true),
            AnsweredAt = t.Column<DateTime>(nullable: true),
            CodeHash = t.Column<string>(maxLength: 64, nullable: true),
            Gender = t.Column<string>(maxLength: 40, nullable: true),
            StakeholderGroup = t.Column<string>(maxLength: 40, nullable: true),
            RegionalGroup = t.Column<string>(maxLength: 40, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProposalPeople", x => x.Id);
            t.ForeignKey("FK_ProposalPeople_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ProposalPeople_ProposalId_Kind_Position", "ProposalPeople", ["ProposalId", "Kind", "Position"]);
        m.CreateIndex("IX_ProposalPeople_Email", "ProposalPeople", "Email");

        m.CreateTable("ProposalSdgs", t => new
        {
            ProposalId = t.Column<int>(),
            Code = t.Column<string>(maxLength: 8),
            Reason = t.Column<string>(maxLength: 2_000),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProposalSdgs", x => new { x.ProposalId, x.Code });
            t.ForeignKey("FK_ProposalSdgs_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("ProposalHistory", t => new
        {
            Id = t.LongIdentity(),
            ProposalId = t.Column<int>(),
            From = t.Column<string>(maxLength: 40),
            To = t.Column<string>(maxLength: 40),
            At = t.Column<DateTime>(),
            AccountId = t.Column<int>(nullable: true),
            Actor = t.Column<string>(maxLength: 256),
            Reason = t.Column<string>(maxLength: 10_000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProposalHistory", x => x.Id);
            t.ForeignKey("FK_ProposalHistory_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ProposalHistory_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ProposalHistory_ProposalId_At", "ProposalHistory", ["ProposalId", "At"]);
        m.CreateIndex("IX_ProposalHistory_AccountId", "ProposalHistory", "AccountId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("ProposalHistory");
        m.DropTable("ProposalSdgs");
        m.DropTable("ProposalPeople");
        m.DropTable("Proposals");
        m.DropTable("Calls");
    }
}
