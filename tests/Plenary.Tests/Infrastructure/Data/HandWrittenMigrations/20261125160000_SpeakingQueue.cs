using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>One speaking queue per session for the room and the internet, and its moderated questions.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125160000_SpeakingQueue")]
public sealed class SpeakingQueue : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Hands", t => new
        {
            Id = t.Identity(),
            SessionId = t.Column<int>(),
            AccountId = t.Column<int>(nullable: true),
            PersonId = t.Column<int>(nullable: true),
            Name = t.Column<string>(maxLength: 200),
            Topic = t.Column<string>(maxLength: 300, nullable: true),
            Mode = t.Column<string>(maxLength: 40),
            State = t.Column<string>(maxLength: 40),
            Place = t.Column<int>(),
            RaisedAt = t.Column<DateTime>(),
            FloorAt = t.Column<DateTime>(nullable: true),
            DoneAt = t.Column<DateTime>(nullable: true),
            SpokeSeconds = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Hands", x => x.Id);
            t.ForeignKey("FK_Hands_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Hands_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Hands_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Hands_SessionId_State_Place", "Hands", ["SessionId", "State", "Place"]);
        m.CreateIndex("IX_Hands_AccountId", "Hands", "AccountId");
        m.CreateIndex("IX_Hands_PersonId", "Hands", "PersonId");

        m.CreateTable("Questions", t => new
        {
            Id = t.Identity(),
            SessionId = t.Column<int>(),
            AccountId = t.Column<int>(),
            AskedBy = t.Column<string>(maxLength: 200),
            Text = t.Column<string>(maxLength: 500),
            State = t.Column<string>(maxLength: 40),
            AskedAt = t.Column<DateTime>(),
            Votes = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Questions", x => x.Id);
            t.ForeignKey("FK_Questions_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Questions_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Questions_SessionId_State", "Questions", ["SessionId", "State"]);
        m.CreateIndex("IX_Questions_AccountId_AskedAt", "Questions", ["AccountId", "AskedAt"]);

        m.CreateTable("QuestionVotes", t => new
        {
            QuestionId = t.Column<int>(),
            AccountId = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuestionVotes", x => new { x.QuestionId, x.AccountId });
            t.ForeignKey("FK_QuestionVotes_Questions_QuestionId", x => x.QuestionId, "Questions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_QuestionVotes_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_QuestionVotes_AccountId", "QuestionVotes", "AccountId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("QuestionVotes");
        m.DropTable("Questions");
        m.DropTable("Hands");
    }
}
