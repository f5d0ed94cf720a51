using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.People;

/// <summary>Why two people may be one: the strongest reason first.</summary>
public enum LikenessReason
{
    SameEmail,
    SameNameAndAffiliation,
    SameName,
    SimilarName,
}

/// <summary>A person as the duplicate finder compares them: the name as written, the affiliation, the e-mail addresses they are known by.</summary>
public sealed record PersonPrint(int Id, string Name, string? Affiliation, IReadOnlyCollection<string> Emails)
{
    public PersonPrint(int id, string name, string? affiliation) : this(id, name, affiliation, []) { }
}

/// <summary>Another person who may be the same one, and why.</summary>
public sealed record Lookalike(PersonPrint Person, LikenessReason Reason);

/// <summary>People who may all be one, each with the reason that joined them to the group.</summary>
public sealed record LookalikeGroup(IReadOnlyList<PersonPrint> People, LikenessReason Reason);

/// <summary>
/// Finds people recorded twice. Imports and hand entry write names as they come: "Anriette  Esterhuysen" with two
/// spaces, "Dr. Jane Doe", "Jose" for "José", "LI Xiaodong" for "Xiaodong Li", "Vint Cerf" for "Vinton G. Cerf". Names
/// are compared folded (case, spacing, accents, punctuation, honorifics and name order set aside); an e-mail address a
/// person is known by (their account's, or an invitation's) joins people whatever their names. A match is only a
/// suggestion: the Secretariat decides, and merges.
/// </summary>
public static partial class Duplicates
{
    // Titles written into the name itself; the Honorific field is never part of the name compared. Compared after folding,
    // so "Prof." and "prof" are one. Kept to titles that are never a given name ("M." is, for "M. K. Gandhi").
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "rev", "amb", "ambassador", "engr",
        "mme", "mlle", "pr", "sr", "sra", "srta", "dra", "dott", "herr", "frau", "د", "السيد", "السيدة", "الدكتور", "الدكتورة",
    };

    /// <summary>
    /// The name as compared: lower case, accents and marks dropped, punctuation as spacing, honorifics left out and the
    /// remaining words in alphabetical order. Empty when nothing is left to compare.
    /// </summary>
    public static string NameKey(string name) => string.Join(' ', Words(name).Order(StringComparer.Ordinal));

    /// <summary>The words of a name, folded, without honorifics, in the order written.</summary>
    public static List<string> Words(string name)
    {
        // "H.E." (His or Her Excellency) is only a title with its dots: He is also a family name.
        var words = Fold(Excellency().Replace(name, " ")).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // Titles lead a name ("Dr. Jane Doe") and a degree may follow it ("Jane Doe, PhD"); a word alone stays, whatever it is.
        var first = 0;
        while (first < words.Count - 1 && Honorifics.Contains(words[first]))
        {
            first++;
        }
        var last = words.Count;
        if (last - first > 1 && words[last - 1] == "phd")
        {
            last--;
        }
        return words[first..last];
    }

    [GeneratedRegex(@"(?<!\w)H\.\s?E\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Excellency();

    /// <summary>Lower case, marks removed, letters without a decomposition spelled out, anything but letters and digits a space.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format:
                    continue;
            }
            if (c is '\'' or '’' or 'ʼ' or '`')
            {
                // O'Brien and OBrien are one name, not "o brien".
                continue;
            }
            folded.Append(char.ToLowerInvariant(c) switch
            {
                'ø' => "o", 'ł' => "l", 'đ' => "d", 'ð' => "d", 'ß' => "ss", 'æ' => "ae", 'œ' => "oe", 'ı' => "i", 'þ' => "th",
                var letter when char.IsLetterOrDigit(letter) => letter.ToString(),
                _ => " ",
            });
        }
        return folded.ToString();
    }

    /// <summary>An affiliation as compared: folded, so "ICANN" and "Icann" are one.</summary>
    public static string AffiliationKey(string? affiliation) => string.Join(' ', Fold(affiliation ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string EmailKey(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The people of <paramref name="among"/> who may be <paramref name="person"/> (never the person itself), strongest reason first.</summary>
    public static List<Lookalike> Of(PersonPrint person, Index among) => among.Matches(person).Where(l => l.Person.Id != person.Id).ToList();

    /// <summary>The groups of people among <paramref name="people"/> who may be one, largest and strongest first.</summary>
    public static List<LookalikeGroup> Groups(IReadOnlyCollection<PersonPrint> people)
    {
        var index = new Index(people);
        var parent = people.ToDictionary(p => p.Id, p => p.Id);
        var strongest = new Dictionary<int, LikenessReason>();
        int Root(int id)
        {
            while (parent[id] != id)
            {
                id = parent[id] = parent[parent[id]];
            }
            return id;
        }
        foreach (var person in people)
        {
            foreach (var like in Of(person, index))
            {
                var (a, b) = (Root(person.Id), Root(like.Person.Id));
                var reason = Min(Min(strongest.GetValueOrDefault(a, LikenessReason.SimilarName), strongest.GetValueOrDefault(b, LikenessReason.SimilarName)), like.Reason);
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
                strongest[Math.Min(a, b)] = reason;
            }
        }
        return people.GroupBy(p => Root(p.Id)).Where(g => g.Count() > 1)
            .Select(g => new LookalikeGroup(g.OrderBy(p => p.Id).ToList(), strongest[g.Key]))
            .OrderBy(g => g.Reason).ThenByDescending(g => g.People.Count).ThenBy(g => g.People[0].Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The reason as a page says it.</summary>
    public static string Why(this IStringLocalizer L, LikenessReason reason) => reason switch
    {
        LikenessReason.SameEmail => L["same e-mail address"],
        LikenessReason.SameNameAndAffiliation => L["same name and affiliation"],
        LikenessReason.SameName => L["same name"],
        _ => L["similar name"],
    };

    private static LikenessReason Min(LikenessReason a, LikenessReason b) => a < b ? a : b;

    /// <summary>The people of a forum's sessions, with the e-mail addresses they are known by there.</summary>
    public static async Task<List<PersonPrint>> ForumPrintsAsync(PlenaryDb db, int forumId, CancellationToken cancel)
    {
        var people = db.People.Where(p => db.SessionRoles.Any(r => r.PersonId == p.Id && db.Sessions.Any(s => s.Id == r.SessionId && s.ForumId == forumId)));
        var rows = await people.Select(p => new { p.Id, p.Name, p.Affiliation }).ToListAsync(cancel);
        var accounts = await db.Users.Where(a => people.Any(p => p.Id == a.PersonId) && a.Email != null).Select(a => new { a.PersonId, Email = a.Email! }).ToListAsync(cancel);
        var invited = await db.Invitations.Where(i => i.PersonId != null && people.Any(p => p.Id == i.PersonId)).Select(i => new { PersonId = i.PersonId!.Value, i.Email }).ToListAsync(cancel);
        var emails = accounts.Concat(invited).ToLookup(e => e.PersonId, e => e.Email);
        return rows.Select(p => new PersonPrint(p.Id, p.Name, p.Affiliation, emails[p.Id].Distinct(StringComparer.OrdinalIgnoreCase).ToList())).ToList();
    }

    /// <summary>Everyone on record, by name and the e-mail addresses they are known by: what an import's new people are compared with.</summary>
    public static async Task<Index> EveryoneAsync(PlenaryDb db, CancellationToken cancel)
    {
        var rows = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.Affiliation }).ToListAsync(cancel);
        var accounts = await db.Users.Where(a => a.Email != null).Select(a => new { a.PersonId, Email = a.Email! }).ToListAsync(cancel);
        var invited = await db.Invitations.Where(i => i.PersonId != null).Select(i => new { PersonId = i.PersonId!.Value, i.Email }).ToListAsync(cancel);
        var emails = accounts.Concat(invited).ToLookup(e => e.PersonId, e => e.Email);
        return new Index(rows.Select(p => new PersonPrint(p.Id, p.Name, p.Affiliation, emails[p.Id].Distinct(StringComparer.OrdinalIgnoreCase).ToList())).ToList());
    }

    /// <summary>People looked up by folded name, by e-mail and by surname, so a comparison with thousands is a few lookups, not a scan.</summary>
    public sealed class Index
    {
        private readonly Dictionary<string, List<PersonPrint>> byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<PersonPrint>> byEmail = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(PersonPrint Person, string Given)>> bySurname = new(StringComparer.Ordinal);

        public Index(IEnumerable<PersonPrint> people)
        {
            foreach (var person in people)
            {
                if (NameKey(person.Name) is { Length: > 0 } key)
                {
                    Add(byName, key, person);
                }
                foreach (var email in person.Emails)
                {
                    Add(byEmail, EmailKey(email), person);
                }
                if (GivenAndSurname(person.Name) is { } parts)
                {
                    Add(bySurname, parts.Surname, (person, parts.Given));
                }
            }
        }

        private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }
            list.Add(value);
        }

        public IEnumerable<Lookalike> Matches(PersonPrint person)
        {
            var found = new Dictionary<int, Lookalike>();
            void Found(PersonPrint other, LikenessReason reason)
            {
                if (!found.TryGetValue(other.Id, out var known) || reason < known.Reason)
                {
                    found[other.Id] = new Lookalike(other, reason);
                }
            }
            foreach (var email in person.Emails)
            {
                foreach (var other in byEmail.GetValueOrDefault(EmailKey(email)) ?? [])
                {
                    Found(other, LikenessReason.SameEmail);
                }
            }
            if (NameKey(person.Name) is { Length: > 0 } key)
            {
                var affiliation = AffiliationKey(person.Affiliation);
                foreach (var other in byName.GetValueOrDefault(key) ?? [])
                {
                    Found(other, affiliation.Length > 0 && affiliation == AffiliationKey(other.Affiliation) ? LikenessReason.SameNameAndAffiliation : LikenessReason.SameName);
                }
            }
            if (GivenAndSurname(person.Name) is { } parts)
            {
                foreach (var (other, given) in bySurname.GetValueOrDefault(parts.Surname) ?? [])
                {
                    if (ShortFor(parts.Given, given) || ShortFor(given, parts.Given))
                    {
                        Found(other, LikenessReason.SimilarName);
                    }
                }
            }
            return found.Values.OrderBy(l => l.Reason).ThenBy(l => l.Person.Id);
        }
    }

    /// <summary>
    /// The first and last words of a name of two words or more, middle initials left out ("Vinton G. Cerf": vinton, cerf);
    /// null for a name of one word, which says too little to be like another.
    /// </summary>
    private static (string Given, string Surname)? GivenAndSurname(string name)
    {
        var words = Words(name).Where(w => w.Length > 1).ToList();
        return words.Count >= 2 ? (words[0], words[^1]) : null;
    }

    // "Vint" for "Vinton", "Nnenna" for "Nnenna": a given name of at least three letters that begins the other.
    private static bool ShortFor(string shorter, string longer) =>
        shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal);
}
