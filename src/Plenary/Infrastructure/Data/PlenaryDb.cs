using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Features.People;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;

namespace Plenary.Infrastructure.Data;

public sealed class PlenaryDb(DbContextOptions<PlenaryDb> options) : IdentityUserContext<Account, int>(options), IDataProtectionKeyContext
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Features.Manage.ForumMember> ForumMembers => Set<Features.Manage.ForumMember>();
    public DbSet<Features.Manage.AuditEntry> AuditLog => Set<Features.Manage.AuditEntry>();
    public DbSet<Features.Manage.Invitation> Invitations => Set<Features.Manage.Invitation>();

    /// <summary>Shared by every app instance, so a cookie or form token issued by one is valid on the others.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    public DbSet<Forum> Forums => Set<Forum>();
    public DbSet<Subtheme> Subthemes => Set<Subtheme>();
    public DbSet<SessionType> SessionTypes => Set<SessionType>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SessionRole> SessionRoles => Set<SessionRole>();
    public DbSet<SessionTag> SessionTags => Set<SessionTag>();
    public DbSet<SessionSdg> SessionSdgs => Set<SessionSdg>();
    public DbSet<SessionSdgTarget> SessionSdgTargets => Set<SessionSdgTarget>();
    public DbSet<Takeaway> Takeaways => Set<Takeaway>();
    public DbSet<SessionReport> SessionReports => Set<SessionReport>();
    public DbSet<GenderReport> GenderReports => Set<GenderReport>();
    public DbSet<Features.Queue.Hand> Hands => Set<Features.Queue.Hand>();
    public DbSet<Features.Queue.Question> Questions => Set<Features.Queue.Question>();
    public DbSet<Features.Queue.QuestionVote> QuestionVotes => Set<Features.Queue.QuestionVote>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Every instant is UTC. SQLite hands DateTime back as Unspecified; this puts the Kind back.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        // Enums as their names: readable in the database and safe against reordering.
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<Account>(account =>
        {
            account.ToTable("Accounts");
            account.Property(a => a.PreferredLanguage).HasMaxLength(10);
            account.Property(a => a.TimeZoneId).HasMaxLength(64);
            account.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            account.HasIndex(a => a.PersonId).IsUnique();
        });
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<int>>().ToTable("AccountClaims");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<int>>().ToTable("AccountLogins");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<int>>().ToTable("AccountTokens");
        model.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");

        model.Entity<ApiToken>(token =>
        {
            token.ToTable("ApiTokens");
            token.Property(t => t.Name).HasMaxLength(ApiToken.MaxName);
            token.Property(t => t.Hash).HasMaxLength(64);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.AccountId);
            token.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Features.Manage.ForumMember>(member =>
        {
            member.ToTable("ForumMembers");
            member.HasIndex(m => new { m.ForumId, m.AccountId, m.Role }).IsUnique();
            member.HasIndex(m => m.AccountId);
            member.HasOne<Forum>().WithMany().HasForeignKey(m => m.ForumId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Features.Manage.Invitation>(invitation =>
        {
            invitation.ToTable("Invitations", t => t.HasCheckConstraint(
                "CK_Invitations_RoleOrPerson",
                "(\"Role\" IS NOT NULL AND \"PersonName\" IS NULL) OR (\"Role\" IS NULL AND \"PersonName\" IS NOT NULL)"));
            invitation.Property(i => i.Email).HasMaxLength(256);
            invitation.Property(i => i.PersonName).HasMaxLength(200);
            invitation.Property(i => i.Language).HasMaxLength(10);
            invitation.Property(i => i.InvitedByName).HasMaxLength(200);
            invitation.Property(i => i.CodeHash).HasMaxLength(64);
            invitation.HasIndex(i => new { i.ForumId, i.Email });
            invitation.HasOne<Forum>().WithMany().HasForeignKey(i => i.ForumId).OnDelete(DeleteBehavior.Cascade);
            // The invitation outlives the person record (merged on acceptance) and the accounts (deleted by their owners).
            invitation.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.SetNull);
            invitation.HasOne<Account>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.SetNull);
            invitation.HasOne<Account>().WithMany().HasForeignKey(i => i.AcceptedById).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<Features.Manage.AuditEntry>(entry =>
        {
            entry.ToTable("AuditLog");
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(60);
            entry.Property(e => e.Subject).HasMaxLength(200);
            entry.Property(e => e.Before).HasMaxLength(100_000);
            entry.Property(e => e.After).HasMaxLength(100_000);
            entry.HasIndex(e => new { e.ForumId, e.At });
            entry.HasOne<Forum>().WithMany().HasForeignKey(e => e.ForumId).OnDelete(DeleteBehavior.SetNull);
            entry.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<OutboxMessage>(message =>
        {
            message.ToTable("Outbox");
            message.Property(m => m.To).HasMaxLength(256);
            message.Property(m => m.Subject).HasMaxLength(300);
            message.Property(m => m.TextBody).HasMaxLength(100_000);
            message.Property(m => m.HtmlBody).HasMaxLength(200_000);
            message.Property(m => m.Purpose).HasMaxLength(60);
            message.Property(m => m.LastError).HasMaxLength(2_000);
            message.Ignore(m => m.GaveUp);
            // The sender's query: unsent, due, not claimed.
            message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
            message.HasIndex(m => new { m.To, m.Purpose, m.CreatedAt });
        });

        model.Entity<Forum>(forum =>
        {
            forum.ToTable("Forums");
            forum.Property(f => f.Slug).HasMaxLength(60);
            forum.HasIndex(f => f.Slug).IsUnique();
            forum.Property(f => f.Name).HasMaxLength(200);
            forum.Property(f => f.HostCity).HasMaxLength(120);
            forum.Property(f => f.Venue).HasMaxLength(200);
            forum.Property(f => f.CountryCode).HasMaxLength(2);
            forum.Property(f => f.TimeZoneId).HasMaxLength(64);
            forum.Property(f => f.Theme).HasMaxLength(500);
            forum.Property(f => f.Description).HasMaxLength(20_000);
            forum.Property(f => f.Languages)
                .HasConversion(
                    v => string.Join(',', v),
                    v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                    new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
                .HasMaxLength(200);
            forum.HasMany(f => f.Subthemes).WithOne().HasForeignKey(s => s.ForumId);
            forum.HasMany(f => f.SessionTypes).WithOne().HasForeignKey(t => t.ForumId);
            forum.HasMany(f => f.Rooms).WithOne().HasForeignKey(r => r.ForumId);
        });

        model.Entity<Subtheme>(subtheme =>
        {
            subtheme.ToTable("Subthemes");
            subtheme.Property(s => s.Slug).HasMaxLength(80);
            subtheme.Property(s => s.Name).HasMaxLength(200);
            subtheme.HasIndex(s => new { s.ForumId, s.Slug }).IsUnique();
        });

        model.Entity<SessionType>(type =>
        {
            type.ToTable("SessionTypes");
            type.Property(t => t.Code).HasMaxLength(10);
            type.Property(t => t.Name).HasMaxLength(100);
            type.Property(t => t.NumberLabel).HasMaxLength(60);
            type.HasIndex(t => new { t.ForumId, t.Code }).IsUnique();
        });

        model.Entity<Room>(room =>
        {
            room.ToTable("Rooms");
            room.Property(r => r.Name).HasMaxLength(120);
            room.HasIndex(r => new { r.ForumId, r.Name }).IsUnique();
        });

        model.Entity<Person>(person =>
        {
            person.ToTable("People");
            person.Property(p => p.Honorific).HasMaxLength(20);
            person.Property(p => p.Name).HasMaxLength(200);
            person.Property(p => p.Title).HasMaxLength(300);
            person.Property(p => p.Affiliation).HasMaxLength(300);
            person.Property(p => p.CountryCode).HasMaxLength(2);
            person.Ignore(p => p.DisplayName);
            person.Ignore(p => p.Billing);
        });

        model.Entity<Organisation>(organisation =>
        {
            organisation.ToTable("Organisations");
            organisation.Property(o => o.Name).HasMaxLength(300);
            organisation.Property(o => o.CountryCode).HasMaxLength(2);
            organisation.HasIndex(o => o.Name).IsUnique();
        });

        model.Entity<Session>(session =>
        {
            session.ToTable("Sessions");
            session.Property(s => s.Title).HasMaxLength(300);
            session.Property(s => s.Description).HasMaxLength(20_000);
            session.Property(s => s.Approach).HasMaxLength(20_000);
            session.Property(s => s.SdgText).HasMaxLength(10_000);
            session.HasIndex(s => new { s.ForumId, s.TypeId, s.Number }).IsUnique();
            session.HasIndex(s => new { s.ForumId, s.StartsAt });
            session.HasOne(s => s.Forum).WithMany().HasForeignKey(s => s.ForumId);
            session.HasOne(s => s.Type).WithMany().HasForeignKey(s => s.TypeId).OnDelete(DeleteBehavior.Restrict);
            session.HasOne(s => s.Subtheme).WithMany().HasForeignKey(s => s.SubthemeId).OnDelete(DeleteBehavior.SetNull);
            session.HasOne(s => s.Room).WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.SetNull);
            session.HasMany(s => s.Tags).WithOne().HasForeignKey(t => t.SessionId);
            session.HasMany(s => s.Roles).WithOne().HasForeignKey(r => r.SessionId);
            session.HasMany(s => s.Sdgs).WithOne().HasForeignKey(s => s.SessionId);
            session.HasMany(s => s.SdgTargets).WithOne().HasForeignKey(s => s.SessionId);
            session.HasMany(s => s.Takeaways).WithOne().HasForeignKey(t => t.SessionId);
            session.HasOne(s => s.Report).WithOne().HasForeignKey<SessionReport>(r => r.SessionId);
            session.HasOne(s => s.GenderReport).WithOne().HasForeignKey<GenderReport>(r => r.SessionId);
            session.Ignore(s => s.NumberedName);
            session.Ignore(s => s.Key);
        });

        model.Entity<SessionRole>(role =>
        {
            role.ToTable("SessionRoles", t => t.HasCheckConstraint(
                "CK_SessionRoles_PersonOrOrganisation",
                "(\"PersonId\" IS NOT NULL AND \"OrganisationId\" IS NULL) OR (\"PersonId\" IS NULL AND \"OrganisationId\" IS NOT NULL AND \"Kind\" = 'Organiser')"));
            role.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            role.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            role.HasIndex(r => new { r.SessionId, r.Kind, r.Position });
        });

        model.Entity<SessionTag>(tag =>
        {
            tag.ToTable("SessionTags");
            tag.HasKey(t => new { t.SessionId, t.Tag });
            tag.Property(t => t.Tag).HasMaxLength(60);
            tag.HasIndex(t => t.Tag);
        });

        model.Entity<SessionSdg>(sdg =>
        {
            sdg.ToTable("SessionSdgs");
            sdg.HasKey(s => new { s.SessionId, s.Goal });
            sdg.HasIndex(s => s.Goal);
        });

        model.Entity<SessionSdgTarget>(target =>
        {
            target.ToTable("SessionSdgTargets");
            target.HasKey(t => new { t.SessionId, t.TargetCode });
            target.Property(t => t.TargetCode).HasMaxLength(8);
            target.HasIndex(t => t.TargetCode);
        });

        model.Entity<Takeaway>(takeaway =>
        {
            takeaway.ToTable("Takeaways");
            takeaway.Property(t => t.Text).HasMaxLength(5_000);
            takeaway.HasIndex(t => new { t.SessionId, t.Kind, t.Position });
        });

        model.Entity<SessionReport>(report =>
        {
            report.ToTable("SessionReports");
            report.HasKey(r => r.SessionId);
            report.Property(r => r.Body).HasMaxLength(50_000);
        });

        model.Entity<GenderReport>(report =>
        {
            report.ToTable("GenderReports", t => t.HasCheckConstraint(
                "CK_GenderReports_Percent", "\"WomenAndGenderDiversePercent\" IS NULL OR (\"WomenAndGenderDiversePercent\" BETWEEN 0 AND 100)"));
            report.HasKey(r => r.SessionId);
            report.Property(r => r.Narrative).HasMaxLength(20_000);
        });

        Features.Queue.QueueModel.Configure(model);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
