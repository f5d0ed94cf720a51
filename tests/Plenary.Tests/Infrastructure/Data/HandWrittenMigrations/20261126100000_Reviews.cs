using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>The advisory group's review: phase switches, criteria, reviews and scores, assignments, reviewers' declarations, merge suggestions, and the session each accepted proposal became.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261126100000_Reviews")]
public sealed class Reviews : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ReviewSettings", t => new
        {
            ForumId = t.Column<int>(),
            ReviewersCanScore = t.Column<bool>(),
            ReviewersSeeOtherScores = t.Column<bool>(),
            ReviewersSeeNames = t.Column<bool>(),
            ReviewersPerProposal = t.Column<int>(),
            DivergenceThreshold = t.Column<double>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReviewSettings", x => x.ForumId);
            t.ForeignKey("FK_ReviewSettings_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("ReviewCriteria", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            Name = t.Column<string>(maxLength: 200),
            Weight = t.Column<int>(),
            Position = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReviewCriteria", x => x.Id);
            t.ForeignKey("FK_ReviewCriteria_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ReviewCriteria_ForumId_Position", "ReviewCriteria", ["ForumId", "Position"]);

        m.CreateTable("Reviews", t => new
        {
            Id = t.Identity(),
            ProposalId = t.Column<int>(),
            ReviewerId = t.Column<int>(),
            CommentToSecretariat = t.Column<string>(maxLength: 5_000, nullable: true),
            CommentToProposer = t.Column<string>(maxLength: 5_000, nullable: true),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Reviews", x => x.Id);
            t.ForeignKey("FK_Reviews_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Reviews_Accounts_ReviewerId", x => x.ReviewerId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Reviews_ProposalId_ReviewerId", "Reviews", ["ProposalId", "ReviewerId"], unique: true);
        m.CreateIndex("IX_Reviews_ReviewerId", "Reviews", "ReviewerId");

        m.CreateTable("ReviewScores", t => new
        {
            ReviewId = t.Column<int>(),
            CriterionId = t.Column<int>(),
            Score = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReviewScores", x => new { x.ReviewId, x.CriterionId });
            t.ForeignKey("FK_ReviewScores_Reviews_ReviewId", x => x.ReviewId, "Reviews", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReviewScores_ReviewCriteria_CriterionId", x => x.CriterionId, "ReviewCriteria", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ReviewScores_CriterionId", "ReviewScores", "CriterionId");

        m.CreateTable("ReviewAssignments", t => new
        {
            Id = t.Identity(),
            ProposalId = t.Column<int>(),
            ReviewerId = t.Column<int>(),
            AssignedById = t.Column<int>(nullable: true),
            AssignedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReviewAssignments", x => x.Id);
            t.ForeignKey("FK_ReviewAssignments_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReviewAssignments_Accounts_ReviewerId", x => x.ReviewerId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReviewAssignments_Accounts_AssignedById", x => x.AssignedById, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ReviewAssignments_ProposalId_ReviewerId", "ReviewAssignments", ["ProposalId", "ReviewerId"], unique: true);
        m.CreateIndex("IX_ReviewAssignments_ReviewerId", "ReviewAssignments", "ReviewerId");
        m.CreateIndex("IX_ReviewAssignments_AssignedById", "ReviewAssignments", "AssignedById");

        m.CreateTable("ReviewerExpertise", t => new
        {
            AccountId = t.Column<int>(),
            SubthemeId = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReviewerExpertise", x => new { x.AccountId, x.SubthemeId });
            t.ForeignKey("FK_ReviewerExpertise_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReviewerExpertise_Subthemes_SubthemeId", x => x.SubthemeId, "Subthemes", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ReviewerExpertise_SubthemeId", "ReviewerExpertise", "SubthemeId");

        m.CreateTable("ReviewerConflicts", t => new
        {
            AccountId = t.Column<int>(),
            ProposalId = t.Column<int>(),
            DeclaredAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReviewerConflicts", x => new { x.AccountId, x.ProposalId });
            t.ForeignKey("FK_ReviewerConflicts_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReviewerConflicts_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ReviewerConflicts_ProposalId", "ReviewerConflicts", "ProposalId");

        m.CreateTable("ProposalSessions", t => new
        {
            ProposalId = t.Column<int>(),
            SessionId = t.Column<int>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ProposalSessions", x => x.ProposalId);
            t.ForeignKey("FK_ProposalSessions_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ProposalSessions_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ProposalSessions_SessionId", "ProposalSessions", "SessionId", unique: true);

        m.CreateTable("MergeSuggestions", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            ProposalId = t.Column<int>(),
            OtherProposalId = t.Column<int>(),
            Note = t.Column<string>(maxLength: 2_000, nullable: true),
            SuggestedAt = t.Column<DateTime>(),
            SuggestedById = t.Column<int>(nullable: true),
            ProposalAnswer = t.Column<string>(maxLength: 40),
            OtherAnswer = t.Column<string>(maxLength: 40),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MergeSuggestions", x => x.Id);
            t.ForeignKey("FK_MergeSuggestions_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_MergeSuggestions_Proposals_ProposalId", x => x.ProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_MergeSuggestions_Proposals_OtherProposalId", x => x.OtherProposalId, "Proposals", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_MergeSuggestions_Accounts_SuggestedById", x => x.SuggestedById, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_MergeSuggestions_ForumId", "MergeSuggestions", "ForumId");
        m.CreateIndex("IX_MergeSuggestions_ProposalId", "MergeSuggestions", "ProposalId");
        m.CreateIndex("IX_MergeSuggestions_OtherProposalId", "MergeSuggestions", "OtherProposalId");
        m.CreateIndex("IX_MergeSuggestions_SuggestedById", "MergeSuggestions", "SuggestedById");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("MergeSuggestions");
        m.DropTable("ProposalSessions");
        m.DropTable("ReviewerConflicts");
        m.DropTable("ReviewerExpertise");
        m.DropTable("ReviewAssignments");
        m.DropTable("ReviewScores");
        m.DropTable("Reviews");
        m.DropTable("ReviewCriteria");
        m.DropTable("ReviewSettings");
    }
}
