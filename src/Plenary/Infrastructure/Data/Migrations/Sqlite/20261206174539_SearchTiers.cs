using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// The index in tiers (SearchTiers): every stored term gets its tier's mark, so that a search can match one tier alone
    /// and stop when the weightiest tiers give enough matches. The rows' index entries follow: SQLite's FTS5 through the
    /// SearchEntries triggers, PostgreSQL's generated SearchVector and its GIN index by themselves. The statements are
    /// written out here, not built from SearchTiers, so that this migration stays what it was if the tiers change.
    /// </summary>
    public partial class SearchTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = '1' || REPLACE("Terms", ' ', ' 1') WHERE "Terms" <> '' AND "Weight" >= 10;""");
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = '2' || REPLACE("Terms", ' ', ' 2') WHERE "Terms" <> '' AND "Weight" >= 5 AND "Weight" < 10;""");
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = '3' || REPLACE("Terms", ' ', ' 3') WHERE "Terms" <> '' AND "Weight" >= 1 AND "Weight" < 5;""");
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = '4' || REPLACE("Terms", ' ', ' 4') WHERE "Terms" <> '' AND "Weight" >= 0 AND "Weight" < 1;""");
            // Rewriting every row leaves FTS5 with many small segments, which the next saves would merge bit by bit (a new
            // transcript's save took 60 ms instead of 24 at the median); merged once here instead.
            migrationBuilder.Sql("""INSERT INTO "SearchTerms"("SearchTerms") VALUES('optimize');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = SUBSTR(REPLACE("Terms", ' 1', ' '), 2) WHERE "Terms" <> '' AND "Weight" >= 10;""");
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = SUBSTR(REPLACE("Terms", ' 2', ' '), 2) WHERE "Terms" <> '' AND "Weight" >= 5 AND "Weight" < 10;""");
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = SUBSTR(REPLACE("Terms", ' 3', ' '), 2) WHERE "Terms" <> '' AND "Weight" >= 1 AND "Weight" < 5;""");
            migrationBuilder.Sql("""UPDATE "SearchEntries" SET "Terms" = SUBSTR(REPLACE("Terms", ' 4', ' '), 2) WHERE "Terms" <> '' AND "Weight" >= 0 AND "Weight" < 1;""");
        }
    }
}
