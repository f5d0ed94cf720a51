using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// The search's GIN index holds each row's forum with its vector (btree_gin gives GIN the integer column), so that a
    /// search narrowed to a forum or years finds that forum's matches inside the index instead of anding the whole
    /// archive's matches of a common word with the forum index (docs/performance.md, "Search"). It replaces the index of
    /// the vector alone: a search of every forum reads the same posting lists from it. btree_gin is in PostgreSQL's
    /// contrib, shipped with Debian's postgresql package, and trusted (PostgreSQL 13 on): the database's owner may create
    /// it without being a superuser. Built in about a minute for 190,000 rows (20 forums of 300 sessions with transcripts).
    /// </summary>
    public partial class SearchForumInGin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS btree_gin;
                CREATE INDEX "IX_SearchEntries_ForumId_SearchVector" ON "SearchEntries" USING GIN ("ForumId", "SearchVector");
                DROP INDEX "IX_SearchEntries_SearchVector";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_SearchEntries_SearchVector" ON "SearchEntries" USING GIN ("SearchVector");
                DROP INDEX "IX_SearchEntries_ForumId_SearchVector";
                DROP EXTENSION IF EXISTS btree_gin;
                """);
        }
    }
}
