using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// Whether the public may see an index row's record in its language (SearchEntry.Hidden) kept on the row, so that a
    /// search no longer probes the sessions, the releases and the outcome document once per record found. The rows already
    /// written get it here, by the rule the search applied until now, written out in SQL so that this migration stays what
    /// it was: a session is hidden when cancelled, or, once its forum has released a timetable, when the latest release
    /// does not hold it or holds it as cancelled; a message until the outcome document is published, a translation of it
    /// until its language version is. Only the hidden rows are written.
    /// </summary>
    public partial class HiddenOnIndexRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Hidden",
                table: "SearchEntries",
                type: "boolean",
                nullable: false,
                defaultValue: false);
            migrationBuilder.Sql("""
                UPDATE "SearchEntries" SET "Hidden" = TRUE
                WHERE "SessionId" IN (
                  SELECT s."Id" FROM "Sessions" s
                  WHERE CASE WHEN EXISTS (SELECT 1 FROM "TimetableReleases" r WHERE r."ForumId" = s."ForumId")
                    THEN COALESCE((SELECT p."Status" FROM "ReleasedSessions" p WHERE p."SessionId" = s."Id"
                        AND p."ReleaseId" = (SELECT MAX(r."Id") FROM "TimetableReleases" r WHERE r."ForumId" = s."ForumId")) = 'Cancelled', TRUE)
                    ELSE s."Status" = 'Cancelled' END);
                """);
            migrationBuilder.Sql("""
                UPDATE "SearchEntries" SET "Hidden" = TRUE
                WHERE "MessageId" IS NOT NULL
                  AND (NOT EXISTS (SELECT 1 FROM "OutcomeDocuments" d WHERE d."ForumId" = "SearchEntries"."ForumId" AND d."PublishedAt" IS NOT NULL)
                    OR ("Translated" = TRUE AND NOT EXISTS (SELECT 1 FROM "OutcomeLanguages" l
                        WHERE l."ForumId" = "SearchEntries"."ForumId" AND l."Language" = "SearchEntries"."Language")));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Hidden",
                table: "SearchEntries");
        }
    }
}
