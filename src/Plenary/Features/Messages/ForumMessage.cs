using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;

namespace Plenary.Features.Messages;

/// <summary>
/// One of the forum's messages: what a subtheme's sessions said together, written by the Secretariat or the message
/// editors it names, citing the sessions it draws on. A draft until published; the outcome document shows published ones.
/// </summary>
public sealed class ForumMessage
{
    public const int MaxTitle = 300;
    public const int MaxBody = 20_000;

    public int Id { get; set; }
    public int ForumId { get; set; }

    /// <summary>Null once its subtheme was removed; the message is kept and listed apart until given another.</summary>
    public int? SubthemeId { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown.</summary>
    public required string Body { get; set; }

    /// <summary>Order within its subtheme, from 1.</summary>
    public int Position { get; set; }

    /// <summary>Null for a draft.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>Counts saves; a save made over a version the writer did not see is refused and both versions shown.</summary>
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who saved last, as named at the time.</summary>
    public required string UpdatedBy { get; set; }

    public List<MessageCitation> Citations { get; set; } = [];
}

/// <summary>A session a message draws on.</summary>
public sealed class MessageCitation
{
    public int MessageId { get; set; }
    public int SessionId { get; set; }
}

/// <summary>The forum's outcome document: public once the Secretariat publishes it.</summary>
public sealed class OutcomeDocument
{
    public int ForumId { get; set; }
    public DateTime? PublishedAt { get; set; }
}

public sealed class ForumMessageConfiguration : IEntityTypeConfiguration<ForumMessage>
{
    public void Configure(EntityTypeBuilder<ForumMessage> message)
    {
        message.ToTable("ForumMessages");
        message.Property(m => m.Title).HasMaxLength(ForumMessage.MaxTitle);
        message.Property(m => m.Body).HasMaxLength(ForumMessage.MaxBody);
        message.Property(m => m.UpdatedBy).HasMaxLength(256);
        message.Property(m => m.Version).IsConcurrencyToken();
        message.HasIndex(m => new { m.ForumId, m.SubthemeId, m.Position });
        message.HasIndex(m => m.SubthemeId);
        message.HasOne<Forum>().WithMany().HasForeignKey(m => m.ForumId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<Subtheme>().WithMany().HasForeignKey(m => m.SubthemeId).OnDelete(DeleteBehavior.SetNull);
        message.HasMany(m => m.Citations).WithOne().HasForeignKey(c => c.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MessageCitationConfiguration : IEntityTypeConfiguration<MessageCitation>
{
    public void Configure(EntityTypeBuilder<MessageCitation> citation)
    {
        citation.ToTable("MessageCitations");
        citation.HasKey(c => new { c.MessageId, c.SessionId });
        citation.HasIndex(c => c.SessionId);
        citation.HasOne<Session>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutcomeDocumentConfiguration : IEntityTypeConfiguration<OutcomeDocument>
{
    public void Configure(EntityTypeBuilder<OutcomeDocument> document)
    {
        document.ToTable("OutcomeDocuments");
        document.HasKey(d => d.ForumId);
        document.HasOne<Forum>().WithMany().HasForeignKey(d => d.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}
