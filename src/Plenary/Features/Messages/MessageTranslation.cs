using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Sessions;

namespace Plenary.Features.Messages;

/// <summary>
/// A message given in another of its forum's languages than the one the messages are written in (the forum's first,
/// <see cref="OutcomeLanguages.OriginalOf"/>): who translated it and when. Like a session's translations it keeps the digest
/// of the original it was made from, so that a message reworded after it was translated is marked "the original has changed
/// since" wherever the translation is read, until someone saves it again against the new text.
/// </summary>
public sealed class MessageTranslation
{
    public int Id { get; set; }
    public int MessageId { get; set; }

    /// <summary>BCP 47, one of the forum's languages when it was given.</summary>
    public required string Language { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown, as the original's.</summary>
    public required string Body { get; set; }

    /// <summary>The digest of the original title and body this translation was made from (<see cref="DigestOf"/>).</summary>
    public required string OriginalDigest { get; set; }

    /// <summary>The translator's account; null once it is deleted, when <see cref="TranslatedByName"/> still says who it was.</summary>
    public int? TranslatedById { get; set; }
    public required string TranslatedByName { get; set; }
    public DateTime TranslatedAt { get; set; }

    /// <summary>Counts saves; two translators saving the same message's translation do not silently overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>The title and body together: a translation answers for both.</summary>
    public static string DigestOf(ForumMessage original) => SessionTranslation.DigestOf(original.Title + "\n\n" + original.Body);
}

/// <summary>
/// A language version of the forum's outcome document, published by the Secretariat once every published message has its
/// translation; public when the document itself is (<see cref="OutcomeDocument"/>). The original needs no row: it is the
/// document.
/// </summary>
public sealed class OutcomeLanguage
{
    public int ForumId { get; set; }
    public required string Language { get; set; }
    public DateTime PublishedAt { get; set; }
}

public static class OutcomeLanguages
{
    /// <summary>
    /// The messages are written in the forum's first language: the Secretariat drafts them together, in the language the
    /// forum works in, and the other languages are versions of that one document.
    /// </summary>
    public static string OriginalOf(Forum forum) => forum.Languages.FirstOrDefault() ?? "en";
}

public sealed class MessageTranslationConfiguration : IEntityTypeConfiguration<MessageTranslation>
{
    public void Configure(EntityTypeBuilder<MessageTranslation> translation)
    {
        translation.ToTable("MessageTranslations");
        translation.Property(t => t.Language).HasMaxLength(SessionTranslation.MaxLanguage);
        translation.Property(t => t.Title).HasMaxLength(ForumMessage.MaxTitle);
        translation.Property(t => t.Body).HasMaxLength(ForumMessage.MaxBody);
        translation.Property(t => t.OriginalDigest).HasMaxLength(32);
        translation.Property(t => t.TranslatedByName).HasMaxLength(SessionTranslation.MaxTranslator);
        translation.Property(t => t.Version).IsConcurrencyToken();
        translation.HasIndex(t => new { t.MessageId, t.Language }).IsUnique();
        // A message's translations go with it; a translator's account leaves their name on what they translated.
        translation.HasOne<ForumMessage>().WithMany().HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
        translation.HasOne<Account>().WithMany().HasForeignKey(t => t.TranslatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class OutcomeLanguageConfiguration : IEntityTypeConfiguration<OutcomeLanguage>
{
    public void Configure(EntityTypeBuilder<OutcomeLanguage> language)
    {
        language.ToTable("OutcomeLanguages");
        language.HasKey(l => new { l.ForumId, l.Language });
        language.Property(l => l.Language).HasMaxLength(SessionTranslation.MaxLanguage);
        language.HasOne<Forum>().WithMany().HasForeignKey(l => l.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}
