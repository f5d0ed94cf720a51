using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ForumId = table.Column<int>(type: "INTEGER", nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    SessionTypeId = table.Column<int>(type: "INTEGER", nullable: true),
                    SubthemeId = table.Column<int>(type: "INTEGER", nullable: true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    MessageId = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Part = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Translated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 400000, nullable: false),
                    Terms = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SearchEntries_ForumMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "ForumMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SearchEntries_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_ForumId_Year",
                table: "SearchEntries",
                columns: new[] { "ForumId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_MessageId",
                table: "SearchEntries",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_OrganisationId",
                table: "SearchEntries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_PersonId",
                table: "SearchEntries",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_SessionId",
                table: "SearchEntries",
                column: "SessionId");
            // The full-text index over the analysed terms (Features/Search): FTS5 with the rows as external content, so
            // the terms are stored once, kept in step with SearchEntries by these triggers. Not in the model: EF has no
            // virtual tables.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchTerms" USING fts5("Terms", content='SearchEntries', content_rowid='Id', tokenize='unicode61');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Insert" AFTER INSERT ON "SearchEntries" BEGIN
                  INSERT INTO "SearchTerms"(rowid, "Terms") VALUES (new."Id", new."Terms");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Delete" AFTER DELETE ON "SearchEntries" BEGIN
                  INSERT INTO "SearchTerms"("SearchTerms", rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Update" AFTER UPDATE ON "SearchEntries" BEGIN
                  INSERT INTO "SearchTerms"("SearchTerms", rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
                  INSERT INTO "SearchTerms"(rowid, "Terms") VALUES (new."Id", new."Terms");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "SearchEntries_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "SearchEntries_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "SearchEntries_Update";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "SearchTerms";""");
            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
