using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Plenary.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VisaLetters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VisaLetterSettings",
                columns: table => new
                {
                    ForumId = table.Column<int>(type: "integer", nullable: false),
                    Letterhead = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SignatoryName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SignatoryTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RetentionDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisaLetterSettings", x => x.ForumId);
                    table.ForeignKey(
                        name: "FK_VisaLetterSettings_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisaRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ForumId = table.Column<int>(type: "integer", nullable: false),
                    RegistrationId = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Nationality = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ConsulateCity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ConsulateCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    SealedPassport = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RefusalReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<int>(type: "integer", nullable: true),
                    LetterCode = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: true),
                    Language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PassportDeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisaRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisaRequests_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VisaRequests_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VisaRequests_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VisaRequests_AccountId",
                table: "VisaRequests",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_VisaRequests_ForumId_Status_RequestedAt",
                table: "VisaRequests",
                columns: new[] { "ForumId", "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisaRequests_LetterCode",
                table: "VisaRequests",
                column: "LetterCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisaRequests_RegistrationId",
                table: "VisaRequests",
                column: "RegistrationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisaLetterSettings");

            migrationBuilder.DropTable(
                name: "VisaRequests");
        }
    }
}
