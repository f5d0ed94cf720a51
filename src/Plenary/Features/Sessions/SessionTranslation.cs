using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Accounts;

namespace Plenary.Features.Sessions;

/// <summary>
/// One part of a session's record given in another of its forum's languages than the original
/// (<see cref="Session.OriginalLanguage"/>): who translated it and when, shown as such wherever it is read.
/// </summary>
/// <remarks>
/// A takeaway or call to action is keyed by its kind and position (<see cref="PartId"/>), not by its row: every submission
/// of the outputs writes the takeaways anew (<c>ReportChange</c>), so a row id would orphan every translation at the first
/// correction, while the position is how the rapporteur and the reader know "the third takeaway". A record section is
/// keyed by its section's id. A translation keeps the digest of the original it was made from: when the original changes
/// (a takeaway reworded, or another moved into its place) the translation is kept, since most edits are small and a
/// translator mends faster than they retype, but it is marked "the original has changed since" on the session page,
/// the API and the translation form, until someone saves it again against the new original. A translation whose
/// original is gone (a takeaway removed, a section emptied) is not shown; the form lists it to be removed.
/// </remarks>
public sealed class SessionTranslation
{
    /// <summary>The longest BCP 47 code accepted ("zh-Hans-CN", "sr-Latn-RS", with room to spare).</summary>
    public const int MaxLanguage = 35;
    public const int MaxTranslator = 200;

    public int Id { get; set; }
    public int SessionId { get; set; }

    /// <summary>BCP 47, one of the forum's languages when it was given.</summary>
    public required string Language { get; set; }
    public TranslatedPart Part { get; set; }

    /// <summary>The record section's id for <see cref="TranslatedPart.Section"/>, the position for a takeaway or call to action, else 0.</summary>
    public int PartId { get; set; }

    /// <summary>Plain text for the title, Markdown for the rest.</summary>
    public required string Text { get; set; }

    /// <summary>The digest of the original text this translation was made from (<see cref="DigestOf"/>).</summary>
    public required string OriginalDigest { get; set; }

    /// <summary>The translator's account; null once it is deleted, when <see cref="TranslatedByName"/> still says who it was.</summary>
    public int? TranslatedById { get; set; }
    public required string TranslatedByName { get; set; }
    public DateTime TranslatedAt { get; set; }

    /// <summary>The longest text each part takes: the original's own limit.</summary>
    public static int MaxTextOf(TranslatedPart part) => part switch
    {
        TranslatedPart.Title => Session.MaxTitle,
        TranslatedPart.Description or TranslatedPart.Approach => Session.MaxText,
        TranslatedPart.Section => SessionSection.MaxText,
        TranslatedPart.Takeaway or TranslatedPart.CallToAction => Takeaway.MaxText,
        TranslatedPart.ReportBody => SessionReport.MaxBody,
        TranslatedPart.ReportPresentations => SessionReport.MaxPresentations,
        _ => SessionReport.MaxSection,
    };

    /// <summary>Who is translating, as a translation records them (sessions' and messages' alike): the account and the name of its person, cut to fit.</summary>
    public static async Task<(int? Id, string Name)> TranslatorAsync(Infrastructure.Data.PlenaryDb db, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancel)
    {
        var id = Kernel.Access.AccountClaims.AccountId(user);
        var person = id is null ? null : await db.Users.Where(a => a.Id == id).Select(a => a.Person).FirstOrDefaultAsync(cancel);
        var name = person?.DisplayName ?? user.Identity?.Name ?? "?";
        return (id, name.Length > MaxTranslator ? name[..MaxTranslator] : name);
    }

    /// <summary>The title, description, approach and sections are the session's record (its editors'); the rest its outputs (its writers').</summary>
    public static bool IsOutput(TranslatedPart part) => part >= TranslatedPart.Takeaway;

    /// <summary>
    /// A short fingerprint of an original text, compared to tell whether it changed since it was translated; line ends
    /// and surrounding blanks do not count, as the forms may change them without anyone changing the text.
    /// </summary>
    public static string DigestOf(string? original)
    {
        var text = (original ?? "").Replace("\r\n", "\n").Trim();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}

/// <summary>The translatable parts of a session. Stored by name; new ones go at the end.</summary>
public enum TranslatedPart
{
    Title,
    Description,
    Approach,
    Section,
    Takeaway,
    CallToAction,
    ReportKeyIssues,
    ReportPresentations,
    ReportBody,
    ReportWayForward,
}

/// <summary>Languages of a session's content: codes, names and writing direction.</summary>
public static class ContentLanguage
{
    /// <summary>The language a session was written in: its own, else its forum's first, else English.</summary>
    public static string OriginalOf(Session session, Forums.Forum forum) =>
        session.OriginalLanguage ?? forum.Languages.FirstOrDefault() ?? "en";

    /// <summary>A well-formed code the runtime knows as a culture, in its usual spelling ("ES" gives "es"); null for anything else.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > SessionTranslation.MaxLanguage)
        {
            return null;
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(code.Trim(), predefinedOnly: true);
            return culture.Equals(CultureInfo.InvariantCulture) ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Which of the languages on offer serves a reader of <paramref name="wanted"/>: the same code, else the language it is
    /// a variant of ("es" for a reader of "es-MX"); never a sibling ("zh-Hant" is not served "zh-Hans").
    /// </summary>
    public static string? Serving(string? wanted, IEnumerable<string> offered)
    {
        if (Normalise(wanted) is not { } code)
        {
            return null;
        }
        var list = offered.ToList();
        for (var culture = CultureInfo.GetCultureInfo(code); !culture.Equals(CultureInfo.InvariantCulture); culture = culture.Parent)
        {
            if (list.FirstOrDefault(l => string.Equals(l, culture.Name, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>"rtl" for the scripts written right to left (Arabic, Persian, Hebrew, Urdu...), else "ltr".</summary>
    public static string Dir(string code) => Normalise(code) is { } known && CultureInfo.GetCultureInfo(known).TextInfo.IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The language's own name ("Español", "العربية"), for the list of versions.</summary>
    public static string NativeName(string code) => Normalise(code) is { } known ? Capitalised(CultureInfo.GetCultureInfo(known).NativeName, known) : code;

    /// <summary>The language's name in the reader's language ("Spanish", "espagnol"), for "Original in …".</summary>
    public static string NameIn(string code, CultureInfo reader)
    {
        if (Normalise(code) is not { } known)
        {
            return code;
        }
        var culture = CultureInfo.GetCultureInfo(known);
        // .NET names languages in the language of the process's own resources only; the native name is the honest fallback
        // for another reader, and English readers get the English name.
        var name = reader.TwoLetterISOLanguageName == "en" ? culture.EnglishName : culture.NativeName;
        return Capitalised(name, known);
    }

    private static string Capitalised(string name, string code) =>
        name.Length > 0 && char.IsLower(name[0]) ? char.ToUpper(name[0], CultureInfo.GetCultureInfo(code)) + name[1..] : name;
}

public sealed class SessionTranslationConfiguration : IEntityTypeConfiguration<SessionTranslation>
{
    public void Configure(EntityTypeBuilder<SessionTranslation> translation)
    {
        translation.ToTable("SessionTranslations");
        translation.Property(t => t.Language).HasMaxLength(SessionTranslation.MaxLanguage);
        // The longest original, the report's discussion; each part's own limit is checked by the form.
        translation.Property(t => t.Text).HasMaxLength(SessionReport.MaxBody);
        translation.Property(t => t.OriginalDigest).HasMaxLength(32);
        translation.Property(t => t.TranslatedByName).HasMaxLength(SessionTranslation.MaxTranslator);
        translation.HasIndex(t => new { t.SessionId, t.Language, t.Part, t.PartId }).IsUnique();
        // A session's translations go with it; a translator's account leaves their name on what they translated.
        translation.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        translation.HasOne<Account>().WithMany().HasForeignKey(t => t.TranslatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
