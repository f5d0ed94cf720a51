using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

/// <summary>
/// The first schema. Written by hand (the EF design-time tools are not available to this project) and kept
/// provider-neutral: column types come from each provider's mapping of the CLR type, and identity columns carry
/// both providers' annotations. MigratedSchemaTests proves the result equals the model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(HandWrittenMigrationsDb))]
[Migration("20261122120000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Forums", t => new
        {
            Id = t.Identity(),
            Slug = t.Column<string>(maxLength: 60),
            Name = t.Column<string>(maxLength: 200),
            Year = t.Column<int>(),
            HostCity = t.Column<string>(maxLength: 120),
            Venue = t.Column<string>(maxLength: 200),
            CountryCode = t.Column<string>(maxLength: 2, nullable: true),
            TimeZoneId = t.Column<string>(maxLength: 64),
            FirstDay = t.Column<DateOnly>(),
            LastDay = t.Column<DateOnly>(),
            Theme = t.Column<string>(maxLength: 500),
            Description = t.Column<string>(maxLength: 20_000, nullable: true),
            Languages = t.Column<string>(maxLength: 200),
            IsDemo = t.Column<bool>(),
        }, constraints: t => t.PrimaryKey("PK_Forums", x => x.Id));
        m.CreateIndex("IX_Forums_Slug", "Forums", "Slug", unique: true);

        m.CreateTable("Organisations", t => new
        {
            Id = t.Identity(),
            Name = t.Column<string>(maxLength: 300),
            StakeholderGroup = t.Column<string>(maxLength: 40, nullable: true),
            RegionalGroup = t.Column<string>(maxLength: 40, nullable: true),
            CountryCode = t.Column<string>(maxLength: 2, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Organisations", x => x.Id));
        m.CreateIndex("IX_Organisations_Name", "Organisations", "Name", unique: true);

        m.CreateTable("People", t => new
        {
            Id = t.Identity(),
            Honorific = t.Column<string>(maxLength: 20, nullable: true),
            Name = t.Column<string>(maxLength: 200),
            Title = t.Column<string>(maxLength: 300, nullable: true),
            Affiliation = t.Column<string>(maxLength: 300, nullable: true),
            StakeholderGroup = t.Column<string>(maxLength: 40, nullable: true),
            RegionalGroup = t.Column<string>(maxLength: 40, nullable: true),
            CountryCode = t.Column<string>(maxLength: 2, nullable: true),
            Gender = t.Column<string>(maxLength: 40, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_People", x => x.Id));

        m.CreateTable("Rooms", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            Name = t.Column<string>(maxLength: 120),
            Layout = t.Column<string>(maxLength: 40),
            Capacity = t.Column<int>(),
            HasOnlineEquipment = t.Column<bool>(),
            Position = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Rooms", x => x.Id);
            t.ForeignKey("FK_Rooms_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Rooms_ForumId_Name", "Rooms", ["ForumId", "Name"], unique: true);

        m.CreateTable("SessionTypes", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            Code = t.Column<string>(maxLength: 10),
            Name = t.Column<string>(maxLength: 100),
            NumberLabel = t.Column<string>(maxLength: 60),
            DefaultLengthMinutes = t.Column<int>(),
            Position = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SessionTypes", x => x.Id);
            t.ForeignKey("FK_SessionTypes_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SessionTypes_ForumId_Code", "SessionTypes", ["ForumId", "Code"], unique: true);

        m.CreateTable("Subthemes", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            Slug = t.Column<string>(maxLength: 80),
            Name = t.Column<string>(maxLength: 200),
            Position = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Subthemes", x => x.Id);
            t.ForeignKey("FK_Subthemes_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Subthemes_ForumId_Slug", "Subthemes", ["ForumId", "Slug"], unique: true);

        m.CreateTable("Sessions", t => new
        {
            Id = t.Identity(),
            ForumId = t.Column<int>(),
            TypeId = t.Column<int>(),
            Number = t.Column<int>(),
            Title = t.Column<string>(maxLength: 300),
            Format = t.Column<string>(maxLength: 40),
            Layout = t.Column<string>(maxLength: 40),
            LengthMinutes = t.Column<int>(),
            Description = t.Column<string>(maxLength: 20_000, nullable: true),
            Approach = t.Column<string>(maxLength: 20_000, nullable: true),
            SubthemeId = t.Column<int>(nullable: true),
            StartsAt = t.Column<DateTime>(nullable: true),
            EndsAt = t.Column<DateTime>(nullable: true),
            RoomId = t.Column<int>(nullable: true),
            Status = t.Column<string>(maxLength: 40),
            SdgText = t.Column<string>(maxLength: 10_000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Sessions", x => x.Id);
            t.ForeignKey("FK_Sessions_Forums_ForumId", x => x.ForumId, "Forums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Sessions_SessionTypes_TypeId", x => x.TypeId, "SessionTypes", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Sessions_Subthemes_SubthemeId", x => x.SubthemeId, "Subthemes", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Sessions_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_Sessions_ForumId_TypeId_Number", "Sessions", ["ForumId", "TypeId", "Number"], unique: true);
        m.CreateIndex("IX_Sessions_ForumId_StartsAt", "Sessions", ["ForumId", "StartsAt"]);
        m.CreateIndex("IX_Sessions_TypeId", "Sessions", "TypeId");
        m.CreateIndex("IX_Sessions_SubthemeId", "Sessions", "SubthemeId");
        m.CreateIndex("IX_Sessions_RoomId", "Sessions", "RoomId");

        m.CreateTable("SessionRoles", t => new
        {
            Id = t.Identity(),
            SessionId = t.Column<int>(),
            Kind = t.Column<string>(maxLength: 40),
            PersonId = t.Column<int>(nullable: true),
            OrganisationId = t.Column<int>(nullable: true),
            Mode = t.Column<string>(maxLength: 40),
            Position = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SessionRoles", x => x.Id);
            t.ForeignKey("FK_SessionRoles_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SessionRoles_People_PersonId", x => x.PersonId, "People", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SessionRoles_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id", onDelete: ReferentialAction.Restrict);
            t.CheckConstraint("CK_SessionRoles_PersonOrOrganisation",
                "(\"PersonId\" IS NOT NULL AND \"OrganisationId\" IS NULL) OR (\"PersonId\" IS NULL AND \"OrganisationId\" IS NOT NULL AND \"Kind\" = 'Organiser')");
        });
        m.CreateIndex("IX_SessionRoles_SessionId_Kind_Position", "SessionRoles", ["SessionId", "Kind", "Position"]);
        m.CreateIndex("IX_SessionRoles_PersonId", "SessionRoles", "PersonId");
        m.CreateIndex("IX_SessionRoles_OrganisationId", "SessionRoles", "OrganisationId");

        m.CreateTable("SessionTags", t => new
        {
            SessionId = t.Column<int>(),
            Tag = t.Column<string>(maxLength: 60),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SessionTags", x => new { x.SessionId, x.Tag });
            t.ForeignKey("FK_SessionTags_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SessionTags_Tag", "SessionTags", "Tag");

        m.CreateTable("SessionSdgs", t => new
        {
            SessionId = t.Column<int>(),
            Goal = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SessionSdgs", x => new { x.SessionId, x.Goal });
            t.ForeignKey("FK_SessionSdgs_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SessionSdgs_Goal", "SessionSdgs", "Goal");

        m.CreateTable("SessionSdgTargets", t => new
        {
            SessionId = t.Column<int>(),
            TargetCode = t.Column<string>(maxLength: 8),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SessionSdgTargets", x => new { x.SessionId, x.TargetCode });
            t.ForeignKey("FK_SessionSdgTargets_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SessionSdgTargets_TargetCode", "SessionSdgTargets", "TargetCode");

        m.CreateTable("Takeaways", t => new
        {
            Id = t.Identity(),
            SessionId = t.Column<int>(),
            Kind = t.Column<string>(maxLength: 40),
            Position = t.Column<int>(),
            Text = t.Column<string>(maxLength: 5_000),
            Addressee = t.Column<string>(maxLength: 40, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Takeaways", x => x.Id);
            t.ForeignKey("FK_Takeaways_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Takeaways_SessionId_Kind_Position", "Takeaways", ["SessionId", "Kind", "Position"]);

        m.CreateTable("SessionReports", t => new
        {
            SessionId = t.Column<int>(),
            Body = t.Column<string>(maxLength: 50_000),
            SubmittedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SessionReports", x => x.SessionId);
            t.ForeignKey("FK_SessionReports_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("GenderReports", t => new
        {
            SessionId = t.Column<int>(),
            ParticipantCount = t.Column<int>(nullable: true),
            WomenAndGenderDiversePercent = t.Column<int>(nullable: true),
            GenderWasTopic = t.Column<bool>(nullable: true),
            Narrative = t.Column<string>(maxLength: 20_000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GenderReports", x => x.SessionId);
            t.ForeignKey("FK_GenderReports_Sessions_SessionId", x => x.SessionId, "Sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.CheckConstraint("CK_GenderReports_Percent",
                "\"WomenAndGenderDiversePercent\" IS NULL OR (\"WomenAndGenderDiversePercent\" BETWEEN 0 AND 100)");
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[]
        {
            "GenderReports", "SessionReports", "Takeaways", "SessionSdgTargets", "SessionSdgs", "SessionTags",
            "SessionRoles", "Sessions", "Subthemes", "SessionTypes", "Rooms", "People", "Organisations", "Forums",
        })
        {
            m.DropTable(table);
        }
    }
}
