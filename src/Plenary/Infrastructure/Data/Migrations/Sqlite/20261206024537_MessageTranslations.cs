using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MessageTranslations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    OriginalDigest = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TranslatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    TranslatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TranslatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTranslations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageTranslations_Accounts_TranslatedById",
                        column: x => x.TranslatedById,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MessageTranslations_ForumMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "ForumMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeLanguages",
                columns: table => new
                {
                    ForumId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeLanguages", x => new { x.ForumId, x.Language });
                    table.ForeignKey(
                        name: "FK_OutcomeLanguages_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTranslations_MessageId_Language",
                table: "MessageTranslations",
                columns: new[] { "MessageId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageTranslations_TranslatedById",
                table: "MessageTranslations",
                column: "TranslatedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageTranslations");

            migrationBuilder.DropTable(
                name: "OutcomeLanguages");
        }
    }
}
