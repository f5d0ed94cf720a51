using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// A session's facets that are not on its index rows' own columns (SDGs, Compact objectives, WSIS action lines, the
    /// organisers' groups and regions, report, transcript) kept on every row as bits (SearchFacetBits), so that a search
    /// counts them over the rows it reads instead of probing five tables per record found. The rows already written get their
    /// bits here, from the records; the statement is written out, not built from SearchFacetBits, so that this migration
    /// stays what it was if the positions change. SQLite's FTS5 trigger on updates
    /// fires on a change of the terms only: setting the bits of a session's rows (an SDG added) leaves its terms alone.
    /// </summary>
    public partial class FacetsOnIndexRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Facets",
                table: "SearchEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
            migrationBuilder.Sql("""DROP TRIGGER "SearchEntries_Update";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Update" AFTER UPDATE OF "Terms" ON "SearchEntries" BEGIN
                  INSERT INTO "SearchTerms"("SearchTerms", rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
                  INSERT INTO "SearchTerms"(rowid, "Terms") VALUES (new."Id", new."Terms");
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE "SearchEntries" SET "Facets" = f."Facets"
                FROM (SELECT s."Id", 
                    (SELECT COALESCE(SUM(CASE g."Goal" WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 4 WHEN 4 THEN 8 WHEN 5 THEN 16 WHEN 6 THEN 32 WHEN 7 THEN 64 WHEN 8 THEN 128 WHEN 9 THEN 256 WHEN 10 THEN 512 WHEN 11 THEN 1024 WHEN 12 THEN 2048 WHEN 13 THEN 4096 WHEN 14 THEN 8192 WHEN 15 THEN 16384 WHEN 16 THEN 32768 WHEN 17 THEN 65536 ELSE 0 END), 0) FROM "SessionSdgs" g WHERE g."SessionId" = s."Id")
                    + (SELECT COALESCE(SUM(DISTINCT CASE WHEN k."Framework" = 'Gdc' AND TRIM(k."Code") = '1' THEN 1048576 WHEN k."Framework" = 'Gdc' AND TRIM(k."Code") = '2' THEN 2097152 WHEN k."Framework" = 'Gdc' AND TRIM(k."Code") = '3' THEN 4194304 WHEN k."Framework" = 'Gdc' AND TRIM(k."Code") = '4' THEN 8388608 WHEN k."Framework" = 'Gdc' AND TRIM(k."Code") = '5' THEN 16777216 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C1' THEN 268435456 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C2' THEN 536870912 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C3' THEN 1073741824 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C4' THEN 2147483648 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C5' THEN 4294967296 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C6' THEN 8589934592 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C7' THEN 17179869184 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C8' THEN 34359738368 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C9' THEN 68719476736 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C10' THEN 137438953472 WHEN k."Framework" = 'Wsis' AND UPPER(TRIM(k."Code")) = 'C11' THEN 274877906944 ELSE 0 END), 0) FROM "SessionFrameworkLinks" k WHERE k."SessionId" = s."Id")
                    + (SELECT COALESCE(SUM(DISTINCT CASE COALESCE(o."StakeholderGroup", p."StakeholderGroup") WHEN 'Government' THEN 17592186044416 WHEN 'CivilSociety' THEN 35184372088832 WHEN 'PrivateSector' THEN 70368744177664 WHEN 'TechnicalCommunity' THEN 140737488355328 WHEN 'IntergovernmentalOrganization' THEN 281474976710656 WHEN 'Academia' THEN 562949953421312 ELSE 0 END), 0)
                          FROM "SessionRoles" ro LEFT JOIN "People" p ON p."Id" = ro."PersonId" LEFT JOIN "Organisations" o ON o."Id" = ro."OrganisationId"
                          WHERE ro."SessionId" = s."Id" AND ro."Kind" = 'Organiser')
                    + (SELECT COALESCE(SUM(DISTINCT CASE COALESCE(o."RegionalGroup", p."RegionalGroup") WHEN 'AfricanGroup' THEN 4503599627370496 WHEN 'AsiaPacificGroup' THEN 9007199254740992 WHEN 'EasternEuropeanGroup' THEN 18014398509481984 WHEN 'Grulac' THEN 36028797018963968 WHEN 'Weog' THEN 72057594037927936 WHEN 'IntergovernmentalOrganization' THEN 144115188075855872 ELSE 0 END), 0)
                          FROM "SessionRoles" ro LEFT JOIN "People" p ON p."Id" = ro."PersonId" LEFT JOIN "Organisations" o ON o."Id" = ro."OrganisationId"
                          WHERE ro."SessionId" = s."Id" AND ro."Kind" = 'Organiser')
                    + CASE WHEN EXISTS (SELECT 1 FROM "SessionReports" x WHERE x."SessionId" = s."Id") THEN 1152921504606846976 ELSE 0 END
                    + CASE WHEN EXISTS (SELECT 1 FROM "Transcripts" x WHERE x."SessionId" = s."Id") THEN 2305843009213693952 ELSE 0 END AS "Facets"
                  FROM "Sessions" s) f
                WHERE "SearchEntries"."SessionId" = f."Id" AND f."Facets" <> 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "SearchEntries_Update";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Update" AFTER UPDATE ON "SearchEntries" BEGIN
                  INSERT INTO "SearchTerms"("SearchTerms", rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
                  INSERT INTO "SearchTerms"(rowid, "Terms") VALUES (new."Id", new."Terms");
                END;
                """);
            migrationBuilder.DropColumn(
                name: "Facets",
                table: "SearchEntries");
        }
    }
}
