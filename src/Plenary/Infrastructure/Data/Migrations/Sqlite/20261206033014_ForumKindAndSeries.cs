using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForumKindAndSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Forums",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                // Every forum before kinds was an IGF-like global forum as far as anyone could tell.
                defaultValue: "Global");

            migrationBuilder.AddColumn<string>(
                name: "Series",
                table: "Forums",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Forums_Series",
                table: "Forums",
                column: "Series");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Forums_Series",
                table: "Forums");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Forums");

            migrationBuilder.DropColumn(
                name: "Series",
                table: "Forums");
        }
    }
}
