using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionRecordAsRecorded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Layout",
                table: "Sessions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Day",
                table: "Sessions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormatLine",
                table: "Sessions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HasNumber",
                table: "Sessions",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Day",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "FormatLine",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "HasNumber",
                table: "Sessions");

            migrationBuilder.AlterColumn<string>(
                name: "Layout",
                table: "Sessions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);
        }
    }
}
