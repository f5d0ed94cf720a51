using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Sessions");
        }
    }
}
