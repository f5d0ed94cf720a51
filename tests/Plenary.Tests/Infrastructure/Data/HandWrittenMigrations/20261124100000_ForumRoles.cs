using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>Who holds which role in a forum, and the audit log of changes made through the workspace.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261124100000_ForumRoles")]
public sealed class ForumRoles : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ForumMembers", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            AccountId = t.Column<int>(),
            Role = t.Column<string>(maxLength: 40),
            AddedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ForumMembers", x => x.Id);
            t.ForeignKey("FK_ForumMembers_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ForumMembers_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ForumMembers_ForumId_AccountId_Role", "ForumMembers", ["ForumId", "AccountId", "Role"], unique: true);
        m.CreateIndex("IX_ForumMembers_AccountId", "ForumMembers", "AccountId");

        m.CreateTable("AuditLog", t => new
        {
            Id = t.LongIdentity(),
            ForumId = t.Column<int>(nullable: true),
            AccountId = t.Column<int>(nullable: true),
            Actor = t.Column<string>(maxLength: 256),
            At = t.Column<DateTime>(),
            Action = t.Column<string>(maxLength: 60),
            Subject = t.Column<string>(maxLength: 200),
            Before = t.Column<string>(maxLength: 100_000, nullable: true),
            After = t.Column<string>(maxLength: 100_000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AuditLog", x => x.Id);
            t.ForeignKey("FK_AuditLog_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_AuditLog_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_AuditLog_ForumId_At", "AuditLog", ["ForumId", "At"]);
        m.CreateIndex("IX_AuditLog_AccountId", "AuditLog", "AccountId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("AuditLog");
        m.DropTable("ForumMembers");
    }
}
