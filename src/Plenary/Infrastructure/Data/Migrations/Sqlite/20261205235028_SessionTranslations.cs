using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OriginalLanguage",
                table: "Sessions",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionTranslations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Part = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PartId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    OriginalDigest = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TranslatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    TranslatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TranslatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionTranslations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionTranslations_Accounts_TranslatedById",
                        column: x => x.TranslatedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SessionTranslations_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionTranslations_SessionId_Language_Part_PartId",
                table: "SessionTranslations",
                columns: new[] { "SessionId", "Language", "Part", "PartId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionTranslations_TranslatedById",
                table: "SessionTranslations",
                column: "TranslatedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionTranslations");

            migrationBuilder.DropColumn(
                name: "OriginalLanguage",
                table: "Sessions");
        }
    }
}
