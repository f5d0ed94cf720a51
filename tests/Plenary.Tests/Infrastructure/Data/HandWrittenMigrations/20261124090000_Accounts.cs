using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>Accounts (ASP.NET Core Identity), the shared data-protection key ring, and the e-mail outbox.</summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261124090000_Accounts")]
public sealed class Accounts : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Accounts", t => new
        {
            Id = t.Identity(),
            PersonId = t.Column<int>(),
            PreferredLanguage = t.Column<string>(maxLength: 10),
            TimeZoneId = t.Column<string>(maxLength: 64, nullable: true),
            IsAdministrator = t.Column<bool>(),
            CreatedAt = t.Column<DateTime>(),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(),
            TwoFactorEnabled = t.Column<bool>(),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(),
            AccessFailedCount = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Accounts", x => x.Id);
            t.ForeignKey("FK_Accounts_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("EmailIndex", "Accounts", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "Accounts", "NormalizedUserName", unique: true);
        m.CreateIndex("IX_Accounts_PersonId", "Accounts", "PersonId", unique: true);

        m.CreateTable("AccountClaims", t => new
        {
            Id = t.Identity(),
            UserId = t.Column<int>(),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AccountClaims", x => x.Id);
            t.ForeignKey("FK_AccountClaims_Accounts_UserId", x => x.UserId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AccountClaims_UserId", "AccountClaims", "UserId");

        m.CreateTable("AccountLogins", t => new
        {
            LoginProvider = t.Column<string>(),
            ProviderKey = t.Column<string>(),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AccountLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AccountLogins_Accounts_UserId", x => x.UserId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AccountLogins_UserId", "AccountLogins", "UserId");

        m.CreateTable("AccountTokens", t => new
        {
            UserId = t.Column<int>(),
            LoginProvider = t.Column<string>(),
            Name = t.Column<string>(),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AccountTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AccountTokens_Accounts_UserId", x => x.UserId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Identity(),
            FriendlyName = t.Column<string>(nullable: true),
            Xml = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        m.CreateTable("Outbox", t => new
        {
            Id = t.LongIdentity(),
            To = t.Column<string>(maxLength: 256),
            Subject = t.Column<string>(maxLength: 300),
            TextBody = t.Column<string>(maxLength: 100_000),
            HtmlBody = t.Column<string>(maxLength: 200_000),
            Purpose = t.Column<string>(maxLength: 60),
            CreatedAt = t.Column<DateTime>(),
            NextAttemptAt = t.Column<DateTime>(),
            Attempts = t.Column<int>(),
            SentAt = t.Column<DateTime>(nullable: true),
            ClaimedBy = t.Column<Guid>(nullable: true),
            ClaimedUntil = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(maxLength: 2_000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Outbox", x => x.Id));
        m.CreateIndex("IX_Outbox_SentAt_NextAttemptAt", "Outbox", ["SentAt", "NextAttemptAt"]);
        m.CreateIndex("IX_Outbox_To_Purpose_CreatedAt", "Outbox", ["To", "Purpose", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("Outbox");
        m.DropTable("DataProtectionKeys");
        m.DropTable("AccountTokens");
        m.DropTable("AccountLogins");
        m.DropTable("AccountClaims");
        m.DropTable("Accounts");
    }
}
