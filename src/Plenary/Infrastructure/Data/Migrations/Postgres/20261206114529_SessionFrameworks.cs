using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionFrameworks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "UsesGdc",
                table: "Forums",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "UsesWsis",
                table: "Forums",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "SessionFrameworkLinks",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    Framework = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionFrameworkLinks", x => new { x.SessionId, x.Framework, x.Code });
                    table.ForeignKey(
                        name: "FK_SessionFrameworkLinks_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionFrameworkLinks_Framework_Code",
                table: "SessionFrameworkLinks",
                columns: new[] { "Framework", "Code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionFrameworkLinks");

            migrationBuilder.DropColumn(
                name: "UsesGdc",
                table: "Forums");

            migrationBuilder.DropColumn(
                name: "UsesWsis",
                table: "Forums");
        }
    }
}
