using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SdgSuggestionDismissals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SdgSuggestionDismissals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    DismissedBy = table.Column<int>(type: "integer", nullable: true),
                    DismissedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SdgSuggestionDismissals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SdgSuggestionDismissals_Accounts_DismissedBy",
                        column: x => x.DismissedBy,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SdgSuggestionDismissals_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SdgSuggestionDismissals_DismissedBy",
                table: "SdgSuggestionDismissals",
                column: "DismissedBy");

            migrationBuilder.CreateIndex(
                name: "IX_SdgSuggestionDismissals_SessionId_Code",
                table: "SdgSuggestionDismissals",
                columns: new[] { "SessionId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SdgSuggestionDismissals");
        }
    }
}
