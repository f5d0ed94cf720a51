using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
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

/// <summary>
/// The database, as every feature sees it. Abstract because each provider has its own generated migrations, and EF
/// keeps one set per context type: <see cref="SqlitePlenaryDb"/> and <see cref="PostgresPlenaryDb"/> add nothing else.
/// </summary>
public abstract class PlenaryDb(DbContextOptions options) : IdentityUserContext<Account, int>(options), IDataProtectionKeyContext
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
    public DbSet<RecordSection> RecordSections => Set<RecordSection>();
    public DbSet<SessionSection> SessionSections => Set<SessionSection>();
    public DbSet<SessionSdg> SessionSdgs => Set<SessionSdg>();
    public DbSet<SessionSdgTarget> SessionSdgTargets => Set<SessionSdgTarget>();
    public DbSet<Features.Frameworks.SessionFrameworkLink> SessionFrameworkLinks => Set<Features.Frameworks.SessionFrameworkLink>();
    public DbSet<Takeaway> Takeaways => Set<Takeaway>();
    public DbSet<SessionReport> SessionReports => Set<SessionReport>();
    public DbSet<GenderReport> GenderReports => Set<GenderReport>();
    public DbSet<SessionTranslation> SessionTranslations => Set<SessionTranslation>();
    public DbSet<Features.Search.SearchEntry> SearchEntries => Set<Features.Search.SearchEntry>();
    public DbSet<Features.Proposals.Call> Calls => Set<Features.Proposals.Call>();
    public DbSet<Features.Proposals.Proposal> Proposals => Set<Features.Proposals.Proposal>();
    public DbSet<Features.Proposals.ProposalPerson> ProposalPeople => Set<Features.Proposals.ProposalPerson>();
    public DbSet<Features.Proposals.ProposalSdg> ProposalSdgs => Set<Features.Proposals.ProposalSdg>();
    public DbSet<Features.Frameworks.ProposalFrameworkLink> ProposalFrameworkLinks => Set<Features.Frameworks.ProposalFrameworkLink>();
    public DbSet<Features.Proposals.ProposalSection> ProposalSections => Set<Features.Proposals.ProposalSection>();
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
    public DbSet<Features.Messages.MessageTranslation> MessageTranslations => Set<Features.Messages.MessageTranslation>();
    public DbSet<Features.Messages.OutcomeLanguage> OutcomeLanguages => Set<Features.Messages.OutcomeLanguage>();
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
    public DbSet<Features.Statistics.StatisticsPublication> StatisticsPublications => Set<Features.Statistics.StatisticsPublication>();
    public DbSet<Features.Certificates.Certificate> Certificates => Set<Features.Certificates.Certificate>();
    public DbSet<Features.Certificates.OnlinePresence> OnlinePresences => Set<Features.Certificates.OnlinePresence>();
    public DbSet<Features.VisaLetters.VisaRequest> VisaRequests => Set<Features.VisaLetters.VisaRequest>();
    public DbSet<Features.VisaLetters.VisaLetterSettings> VisaLetterSettings => Set<Features.VisaLetters.VisaLetterSettings>();
    public DbSet<Features.Sdgs.SdgSuggestionDismissal> SdgSuggestionDismissals => Set<Features.Sdgs.SdgSuggestionDismissal>();

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
        model.Entity<IdentityUserClaim<int>>().ToTable("AccountClaims");
        model.Entity<IdentityUserLogin<int>>().ToTable("AccountLogins");
        model.Entity<IdentityUserToken<int>>().ToTable("AccountTokens");
        model.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
        // Every other entity is configured beside it, in its feature's IEntityTypeConfiguration<T>.
        model.ApplyConfigurationsFromAssembly(typeof(PlenaryDb).Assembly);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
