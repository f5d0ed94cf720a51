using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Forums;

namespace Plenary.Features.Sessions;

/// <summary>
/// One part of a forum's session record beyond the fixed fields: "Policy questions", "Expected outcomes", "Hybrid
/// format"... The IGF changed its template nearly every year, so each forum keeps its own list; each session holds
/// its Markdown per section (<see cref="SessionSection"/>).
/// </summary>
public sealed partial class RecordSection
{
    public const int MaxSlug = 60;
    public const int MaxTitle = 200;
    public const int MaxHelp = 1_000;

    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>
    /// The section's name in sessions.csv (a column) and in the API (a key): lowercase letters, digits and
    /// underscores, unique in the forum, and never changed once given, so that files and programs keep working.
    /// </summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>Shown under the field on the session and proposal forms.</summary>
    public string? HelpText { get; set; }

    /// <summary>Proposers fill it in on the proposal form; it is carried onto the session when the proposal is accepted.</summary>
    public bool InProposalForm { get; set; }

    /// <summary>False for the Secretariat's working notes (a room set-up request): shown only to those who may edit the session.</summary>
    public bool IsPublic { get; set; } = true;
    public int Position { get; set; }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Shape();

    public static bool IsWellFormed(string? slug) => slug is { Length: > 0 and <= MaxSlug } && Shape().IsMatch(slug);

    /// <summary>"Connection with previous messages" gives "connection_with_previous_messages"; other scripts leave nothing.</summary>
    public static string SlugFrom(string? title)
    {
        var slug = Slugs.From(title, MaxSlug).Replace('-', '_');
        return slug.Length > 0 && char.IsAsciiDigit(slug[0]) ? ("s_" + slug)[..Math.Min(MaxSlug, slug.Length + 2)] : slug;
    }
}

/// <summary>A session's text for one of its forum's record sections; no row when the section is empty.</summary>
public sealed class SessionSection
{
    /// <summary>The longest text of one section, read by the model and the session's validator alike.</summary>
    public const int MaxText = 20_000;

    public int SessionId { get; set; }
    public int SectionId { get; set; }
    public RecordSection Section { get; set; } = null!;

    /// <summary>Markdown.</summary>
    public required string Text { get; set; }
}

public sealed class RecordSectionConfiguration : IEntityTypeConfiguration<RecordSection>
{
    public void Configure(EntityTypeBuilder<RecordSection> section)
    {
        section.ToTable("RecordSections");
        section.Property(s => s.Slug).HasMaxLength(RecordSection.MaxSlug);
        section.Property(s => s.Title).HasMaxLength(RecordSection.MaxTitle);
        section.Property(s => s.HelpText).HasMaxLength(RecordSection.MaxHelp);
        section.HasIndex(s => new { s.ForumId, s.Slug }).IsUnique();
        section.HasOne<Forum>().WithMany(f => f.RecordSections).HasForeignKey(s => s.ForumId);
    }
}

public sealed class SessionSectionConfiguration : IEntityTypeConfiguration<SessionSection>
{
    public void Configure(EntityTypeBuilder<SessionSection> text)
    {
        text.ToTable("SessionSections");
        text.HasKey(t => new { t.SessionId, t.SectionId });
        text.Property(t => t.Text).HasMaxLength(SessionSection.MaxText);
        // Removing a section removes its texts, which the page says and asks to confirm first.
        text.HasOne(t => t.Section).WithMany().HasForeignKey(t => t.SectionId).OnDelete(DeleteBehavior.Cascade);
        text.HasIndex(t => t.SectionId);
    }
}
