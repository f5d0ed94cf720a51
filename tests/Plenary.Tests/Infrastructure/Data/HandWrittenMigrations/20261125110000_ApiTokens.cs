using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>Personal tokens for the write API, kept as hashes.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261125110000_ApiTokens")]
public sealed class ApiTokens : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("ApiTokens", t => new
        {
            Id = t.Identity(),
            AccountId = t.Column<int>(),
            Name = t.Column<string>(maxLength: 100),
            Hash = t.Column<string>(maxLength: 64),
            CreatedAt = t.Column<DateTime>(),
            ExpiresAt = t.Column<DateTime>(nullable: true),
            LastUsedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ApiTokens", x => x.Id);
            t.ForeignKey("FK_ApiTokens_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_ApiTokens_Hash", "ApiTokens", "Hash", unique: true);
        m.CreateIndex("IX_ApiTokens_AccountId", "ApiTokens", "AccountId");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("ApiTokens");
}
