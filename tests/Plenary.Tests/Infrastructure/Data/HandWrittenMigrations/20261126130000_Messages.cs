using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>The forum's messages, the sessions each cites, and the outcome document's publication.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261126130000_Messages")]
public sealed class Messages : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ForumMessages", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            SubthemeId = t.Column<int>(nullable: true),
            Title = t.Column<string>(maxLength: 300),
            Body = t.Column<string>(maxLength: 20_000),
            Position = t.Column<int>(),
            PublishedAt = t.Column<DateTime>(nullable: true),
            Version = t.Column<int>(),
            UpdatedAt = t.Column<DateTime>(),
            UpdatedBy = t.Column<string>(maxLength: 256),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ForumMessages", x => x.Id);
            t.ForeignKey("FK_ForumMessages_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ForumMessages_Subthemes_SubthemeId", x => x.SubthemeId, "Subthemes", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_ForumMessages_ForumId_SubthemeId_Position", "ForumMessages", ["ForumId", "SubthemeId", "Position"]);
        m.CreateIndex("IX_ForumMessages_SubthemeId", "ForumMessages", "SubthemeId");

        m.CreateTable("MessageCitations", t => new
        {
            MessageId = t.Column<int>(),
            SessionId = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MessageCitations", x => new { x.MessageId, x.SessionId });
            t.ForeignKey("FK_MessageCitations_ForumMessages_MessageId", x => x.MessageId, "ForumMessages", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_MessageCitations_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_MessageCitations_SessionId", "MessageCitations", "SessionId");

        m.CreateTable("OutcomeDocuments", t => new
        {
            ForumId = t.Column<int>(),
            PublishedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OutcomeDocuments", x => x.ForumId);
            t.ForeignKey("FK_OutcomeDocuments_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("OutcomeDocuments");
        m.DropTable("MessageCitations");
        m.DropTable("ForumMessages");
    }
}
