using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// People and organisations are found, as the people pages list them, only with a part in a session the public sees
    /// (SearchEntry.Hidden). Their rows already written get it here, by the rule written out in SQL so that this migration
    /// stays what it was: before a forum's first release all its sessions are public, after it those its latest release
    /// holds. No column changes. Only the hidden rows are written.
    /// </summary>
    public partial class HiddenPeopleRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "SearchEntries" SET "Hidden" = TRUE
                WHERE ("PersonId" IS NOT NULL OR "OrganisationId" IS NOT NULL)
                  AND NOT EXISTS (
                    SELECT 1 FROM "SessionRoles" r JOIN "Sessions" s ON s."Id" = r."SessionId"
                    WHERE (r."PersonId" = "SearchEntries"."PersonId" OR r."OrganisationId" = "SearchEntries"."OrganisationId")
                      AND (NOT EXISTS (SELECT 1 FROM "TimetableReleases" t WHERE t."ForumId" = s."ForumId")
                        OR EXISTS (SELECT 1 FROM "ReleasedSessions" p WHERE p."SessionId" = s."Id"
                          AND p."ReleaseId" = (SELECT MAX(t."Id") FROM "TimetableReleases" t WHERE t."ForumId" = s."ForumId"))));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
