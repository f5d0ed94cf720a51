using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>Invitations by e-mail into a forum role, or to claim a person listed on the forum's sessions.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125100000_Invitations")]
public sealed class Invitations : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Invitations", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            Email = t.Column<string>(maxLength: 256),
            Role = t.Column<string>(maxLength: 40, nullable: true),
            PersonId = t.Column<int>(nullable: true),
            PersonName = t.Column<string>(maxLength: 200, nullable: true),
            Language = t.Column<string>(maxLength: 10),
            InvitedById = t.Column<int>(nullable: true),
            InvitedByName = t.Column<string>(maxLength: 200),
            SentAt = t.Column<DateTime>(),
            ExpiresAt = t.Column<DateTime>(),
            CodeHash = t.Column<string>(maxLength: 64),
            AcceptedAt = t.Column<DateTime>(nullable: true),
            AcceptedById = t.Column<int>(nullable: true),
            WithdrawnAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Invitations", x => x.Id);
            t.ForeignKey("FK_Invitations_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Invitations_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Invitations_Accounts_InvitedById", x => x.InvitedById, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Invitations_Accounts_AcceptedById", x => x.AcceptedById, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
            t.CheckConstraint("CK_Invitations_RoleOrPerson",
                "(\"Role\" IS NOT NULL AND \"PersonName\" IS NULL) OR (\"Role\" IS NULL AND \"PersonName\" IS NOT NULL)");
        });
        m.CreateIndex("IX_Invitations_ForumId_Email", "Invitations", ["ForumId", "Email"]);
        m.CreateIndex("IX_Invitations_PersonId", "Invitations", "PersonId");
        m.CreateIndex("IX_Invitations_InvitedById", "Invitations", "InvitedById");
        m.CreateIndex("IX_Invitations_AcceptedById", "Invitations", "AcceptedById");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("Invitations");
}
