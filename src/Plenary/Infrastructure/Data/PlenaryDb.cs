using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.Rooms;
using Plenary.Features.Sessions;

namespace Plenary.Infrastructure.Data;

public sealed class PlenaryDb(DbContextOptions<PlenaryDb> options) : IdentityUserContext<Account, int>(options), IDataProtectionKeyContext
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<RegistrationSettings> RegistrationSettings => Set<RegistrationSettings>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<JoinLink> JoinLinks => Set<JoinLink>();
    public DbSet<ForumMember> ForumMembers => Set<ForumMember>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
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
    public DbSet<Features.Proposals.Call> Calls => Set<Features.Proposals.Call>();
    public DbSet<Features.Proposals.Proposal> Proposals => Set<Features.Proposals.Proposal>();
    public DbSet<Features.Proposals.ProposalPerson> ProposalPeople => Set<Features.Proposals.ProposalPerson>();
    public DbSet<Features.Proposals.ProposalSdg> ProposalSdgs => Set<Features.Proposals.ProposalSdg>();
    public DbSet<Features.Proposals.ProposalEvent> ProposalHistory => Set<Features.Proposals.ProposalEvent>();
    public DbSet<Features.Reports.SessionReporting> SessionReporting => Set<Features.Reports.SessionReporting>();
    public DbSet<Features.Reports.OutputVersion> OutputVersions => Set<Features.Reports.OutputVersion>();
    public DbSet<Features.Reports.ReminderSent> RemindersSent => Set<Features.Reports.ReminderSent>();
    public DbSet<Features.Reports.Transcript> Transcripts => Set<Features.Reports.Transcript>();
    public DbSet<Features.Timetable.TimetableSettings> TimetableSettings => Set<Features.Timetable.TimetableSettings>();
    public DbSet<Features.Timetable.TimetableBreak> TimetableBreaks => Set<Features.Timetable.TimetableBreak>();
    public DbSet<Features.Timetable.RuleSeverity> RuleSeverities => Set<Features.Timetable.RuleSeverity>();
    public DbSet<Features.Timetable.RoomAvailability> RoomAvailabilities => Set<Features.Timetable.RoomAvailability>();
    public DbSet<Features.Timetable.PersonAvailability> PersonAvailabilities => Set<Features.Timetable.PersonAvailability>();
    public DbSet<Features.Queue.Hand> Hands => Set<Features.Queue.Hand>();
    public DbSet<Features.Queue.Question> Questions => Set<Features.Queue.Question>();
    public DbSet<Features.Queue.QuestionVote> QuestionVotes => Set<Features.Queue.QuestionVote>();
    public DbSet<Features.Messages.ForumMessage> ForumMessages => Set<Features.Messages.ForumMessage>();
    public DbSet<Features.Messages.MessageCitation> MessageCitations => Set<Features.Messages.MessageCitation>();
    public DbSet<Features.Messages.OutcomeDocument> OutcomeDocuments => Set<Features.Messages.OutcomeDocument>();
    public DbSet<Features.Reviews.ReviewSettings> ReviewSettings => Set<Features.Reviews.ReviewSettings>();
    public DbSet<Features.Reviews.ReviewCriterion> ReviewCriteria => Set<Features.Reviews.ReviewCriterion>();
    public DbSet<Features.Reviews.Review> Reviews => Set<Features.Reviews.Review>();
    public DbSet<Features.Reviews.ReviewScore> ReviewScores => Set<Features.Reviews.ReviewScore>();
    public DbSet<Features.Reviews.ReviewAssignment> ReviewAssignments => Set<Features.Reviews.ReviewAssignment>();
    public DbSet<Features.Reviews.ReviewerExpertise> ReviewerExpertise => Set<Features.Reviews.ReviewerExpertise>();
    public DbSet<Features.Reviews.ReviewerConflict> ReviewerConflicts => Set<Features.Reviews.ReviewerConflict>();
    public DbSet<Features.Reviews.ProposalSession> ProposalSessions => Set<Features.Reviews.ProposalSession>();
    public DbSet<Features.Reviews.MergeSuggestion> MergeSuggestions => Set<Features.Reviews.MergeSuggestion>();
    public DbSet<Features.Releases.TimetableRelease> TimetableReleases => Set<Features.Releases.TimetableRelease>();
    public DbSet<Features.Releases.ReleasedSession> ReleasedSessions => Set<Features.Releases.ReleasedSession>();
    public DbSet<Features.Agenda.AgendaEntry> AgendaEntries => Set<Features.Agenda.AgendaEntry>();
    public DbSet<Features.Agenda.AgendaSettings> AgendaSettings => Set<Features.Agenda.AgendaSettings>();

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

        model.Entity<RegistrationSettings>(settings =>
        {
            settings.ToTable("RegistrationSettings");
            settings.HasKey(x => x.ForumId);
            settings.HasOne<Forum>().WithOne().HasForeignKey<RegistrationSettings>(x => x.ForumId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Registration>(registration =>
        {
            registration.ToTable("Registrations");
            registration.Property(r => r.HubName).HasMaxLength(200);
            registration.Property(r => r.CountryCode).HasMaxLength(2);
            registration.Property(r => r.AccessibilityNeeds).HasMaxLength(Registration.MaxText);
            registration.Property(r => r.Languages).HasMaxLength(200);
            registration.Property(r => r.DecisionReason).HasMaxLength(Registration.MaxText);
            registration.Property(r => r.BadgeSecret).HasMaxLength(12);
            registration.Ignore(r => r.BadgeCode);
            registration.HasIndex(r => new { r.ForumId, r.AccountId }).IsUnique();
            registration.HasIndex(r => new { r.ForumId, r.Status });
            registration.HasOne<Forum>().WithMany().HasForeignKey(r => r.ForumId).OnDelete(DeleteBehavior.Cascade);
            registration.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
            registration.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<CheckIn>(checkIn =>
        {
            checkIn.ToTable("CheckIns");
            checkIn.HasIndex(c => new { c.ForumId, c.Day });
            checkIn.HasOne<Registration>().WithMany().HasForeignKey(c => c.RegistrationId).OnDelete(DeleteBehavior.Cascade);
            checkIn.HasOne<Room>().WithMany().HasForeignKey(c => c.RoomId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<JoinLink>(link =>
        {
            link.ToTable("JoinLinks", t => t.HasCheckConstraint("CK_JoinLinks_SessionOrRoom", "(\"SessionId\" IS NULL) <> (\"RoomId\" IS NULL)"));
            link.Property(l => l.Url).HasMaxLength(JoinLink.MaxUrl);
            link.Property(l => l.Passcode).HasMaxLength(JoinLink.MaxPasscode);
            link.HasIndex(l => l.SessionId).IsUnique();
            link.HasIndex(l => l.RoomId).IsUnique();
            link.HasOne<Forum>().WithMany().HasForeignKey(l => l.ForumId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne<Session>().WithMany().HasForeignKey(l => l.SessionId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne<Room>().WithMany().HasForeignKey(l => l.RoomId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ForumMember>(member =>
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

        model.Entity<AuditEntry>(entry =>
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
            person.Property(p => p.TimeZoneId).HasMaxLength(64);
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
            // Rows from before the column existed start at 0, as new ones do.
            session.Property(s => s.ScheduleSequence).HasDefaultValue(0);
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

        model.Entity<Features.Timetable.TimetableSettings>(settings =>
        {
            settings.ToTable("TimetableSettings");
            settings.HasKey(t => t.ForumId);
            settings.HasOne<Forum>().WithMany().HasForeignKey(t => t.ForumId).OnDelete(DeleteBehavior.Cascade);
            settings.HasMany(t => t.Breaks).WithOne().HasForeignKey(b => b.ForumId).HasPrincipalKey(t => t.ForumId);
            settings.HasMany(t => t.Severities).WithOne().HasForeignKey(b => b.ForumId).HasPrincipalKey(t => t.ForumId);
        });
        model.Entity<Features.Timetable.TimetableBreak>().ToTable("TimetableBreaks");
        model.Entity<Features.Timetable.RuleSeverity>(severity =>
        {
            severity.ToTable("RuleSeverities");
            severity.HasKey(r => new { r.ForumId, r.Rule });
        });
        model.Entity<Features.Timetable.RoomAvailability>(window =>
        {
            window.ToTable("RoomAvailabilities");
            window.HasOne<Room>().WithMany().HasForeignKey(w => w.RoomId).OnDelete(DeleteBehavior.Cascade);
            window.HasIndex(w => new { w.RoomId, w.Day });
        });
        model.Entity<Features.Timetable.PersonAvailability>(window =>
        {
            window.ToTable("PersonAvailabilities");
            window.HasOne<Forum>().WithMany().HasForeignKey(w => w.ForumId).OnDelete(DeleteBehavior.Cascade);
            window.HasOne<Person>().WithMany().HasForeignKey(w => w.PersonId).OnDelete(DeleteBehavior.Cascade);
            window.HasIndex(w => new { w.ForumId, w.PersonId });
            window.HasIndex(w => w.PersonId);
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
            report.Property(r => r.KeyIssues).HasMaxLength(10_000);
            report.Property(r => r.Presentations).HasMaxLength(20_000);
            report.Property(r => r.WayForward).HasMaxLength(10_000);
        });

        model.Entity<Features.Reports.SessionReporting>(reporting =>
        {
            reporting.ToTable("SessionReporting");
            reporting.HasKey(r => r.SessionId);
            reporting.HasOne<Session>().WithOne().HasForeignKey<Features.Reports.SessionReporting>(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
            reporting.HasOne<Account>().WithMany().HasForeignKey(r => r.DraftSavedBy).OnDelete(DeleteBehavior.SetNull);
            reporting.Property(r => r.Draft).HasMaxLength(200_000);
            reporting.Ignore(r => r.TakeawaysLate);
            reporting.Ignore(r => r.ReportLate);
        });

        model.Entity<Features.Reports.OutputVersion>(version =>
        {
            version.ToTable("OutputVersions");
            version.HasOne<Session>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Cascade);
            version.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.SetNull);
            version.Property(v => v.SubmittedBy).HasMaxLength(200);
            version.Property(v => v.Content).HasMaxLength(200_000);
            version.HasIndex(v => new { v.SessionId, v.Part, v.Number }).IsUnique();
            version.HasIndex(v => v.SubmittedAt);
            version.Ignore(v => v.Late);
        });

        model.Entity<Features.Reports.ReminderSent>(sent =>
        {
            sent.ToTable("ReminderSent");
            sent.HasOne<Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
            sent.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
            sent.HasIndex(r => new { r.SessionId, r.AccountId, r.Kind, r.Instant }).IsUnique();
        });
        model.Entity<Features.Reports.Transcript>(transcript =>
        {
            transcript.ToTable("Transcripts");
            transcript.HasKey(t => t.SessionId);
            transcript.HasOne<Session>().WithOne().HasForeignKey<Features.Reports.Transcript>(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
            transcript.HasOne<Account>().WithMany().HasForeignKey(t => t.SavedBy).OnDelete(DeleteBehavior.SetNull);
            transcript.Property(t => t.Source).HasMaxLength(Features.Reports.Transcript.MaxSource);
            transcript.Property(t => t.Turns).HasMaxLength(1_000_000);
            transcript.Property(t => t.SearchText).HasMaxLength(Features.Reports.Transcript.MaxSource);
        });

        model.Entity<GenderReport>(report =>
        {
            report.ToTable("GenderReports", t => t.HasCheckConstraint(
                "CK_GenderReports_Percent", "\"WomenAndGenderDiversePercent\" IS NULL OR (\"WomenAndGenderDiversePercent\" BETWEEN 0 AND 100)"));
            report.HasKey(r => r.SessionId);
            report.Property(r => r.Narrative).HasMaxLength(20_000);
        });

        Features.Proposals.ProposalsSchema.Configure(model);
        Features.Queue.QueueModel.Configure(model);
        Features.Messages.MessagesSchema.Configure(model);
        Features.Reviews.ReviewsSchema.Configure(model);
        Features.Releases.ReleasesModel.Configure(model);
        Features.Agenda.AgendaModel.Configure(model);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
