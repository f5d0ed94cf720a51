using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// A passage's tsvector (about 4 KB for 500 words) is over PostgreSQL's 2 KB threshold, so by default it went out of line
    /// to TOAST and was read back and decompressed for every ranking: ranking took five to ten times longer than with the
    /// vector kept in the row (docs/performance.md, "Search"). MAIN keeps it in the row, compressed if need be; the passage's
    /// text and terms, which ranking does not read, are the ones moved out. Rows move when rewritten: `search rebuild`.
    /// </summary>
    public partial class SearchVectorsInline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "SearchEntries" ALTER COLUMN "SearchVector" SET STORAGE MAIN;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "SearchEntries" ALTER COLUMN "SearchVector" SET STORAGE EXTENDED;""");
        }
    }
}
