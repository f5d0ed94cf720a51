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
            // Added empty, then every forum so far is a global one (as far as anyone could tell), then required: a default
            // left on the column would differ from the model, which has none.
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Forums",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.Sql("UPDATE \"Forums\" SET \"Kind\" = 'Global'");

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "Forums",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldNullable: true);

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
