using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatisticsPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatisticsPublications",
                columns: table => new
                {
                    ForumId = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsPublications", x => x.ForumId);
                    table.ForeignKey(
                        name: "FK_StatisticsPublications_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatisticsPublications");
        }
    }
}
