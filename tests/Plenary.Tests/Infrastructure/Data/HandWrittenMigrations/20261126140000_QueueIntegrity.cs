using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>At most one open (waiting or speaking) hand per person and session, enforced by a partial unique index.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261126140000_QueueIntegrity")]
public sealed class QueueIntegrity : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // Before the index, only a check in the code kept one hand per person, and two raises at once could pass it.
        // Such pairs are settled the way the moderator would: the hand that has the floor stays, else the earliest.
        m.Sql("""
            UPDATE "Hands" SET "State" = 'Lowered'
            WHERE "AccountId" IS NOT NULL AND "State" IN ('Waiting', 'Speaking') AND EXISTS (
                SELECT 1 FROM "Hands" AS other
                WHERE other."SessionId" = "Hands"."SessionId" AND other."AccountId" = "Hands"."AccountId" AND other."Id" <> "Hands"."Id"
                  AND other."State" IN ('Waiting', 'Speaking')
                  AND ((other."State" = 'Speaking' AND "Hands"."State" = 'Waiting') OR (other."State" = "Hands"."State" AND other."Id" < "Hands"."Id")))
            """);
        m.CreateIndex("IX_Hands_OneOpenHand", "Hands", ["SessionId", "AccountId"], unique: true, filter: "\"State\" IN ('Waiting', 'Speaking')");
    }

    protected override void Down(MigrationBuilder m) => m.DropIndex("IX_Hands_OneOpenHand", "Hands");
}
