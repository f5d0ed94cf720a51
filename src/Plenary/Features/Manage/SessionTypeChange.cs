using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Audit;

namespace Plenary.Features.Manage;

/// <summary>A session type as the Secretariat sends it from the workspace form or the API.</summary>
public sealed class SessionTypeForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NumberLabel { get; set; }
    public int? DefaultLengthMinutes { get; set; }
}

/// <summary>Adds, changes and removes session types with one set of rules for page and API; audited and public at once.</summary>
public sealed class SessionTypeChange(PlenaryDb db, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int MinLength = 5;
    public const int MaxLength = 480;

    /// <summary>
    /// Adds a type (<paramref name="existing"/> null) or changes one; the saved type, or the problems by field.
    /// Trims the form in place, so a page shows what was checked.
    /// </summary>
    public async Task<(SessionType? Saved, Dictionary<string, string> Errors)> SaveAsync(Forum forum, SessionType? existing, SessionTypeForm form,
        ClaimsPrincipal user, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string>();
        var id = existing?.Id ?? 0;
        form.Code = form.Code?.Trim().ToUpperInvariant();
        form.Name = form.Name?.Trim();
        form.NumberLabel = form.NumberLabel?.Trim();
        var (code, name, label, minutes) = (form.Code, form.Name, form.NumberLabel, form.DefaultLengthMinutes);
        if (string.IsNullOrEmpty(code) || code.Length > 10 || !code.All(char.IsAsciiLetterOrDigit))
        {
            errors["code"] = L["Give the type a code of 1 to 10 letters or digits, such as WS or DAY0."];
        }
        else if (forum.SessionTypes.Any(t => t.Id != id && t.Code == code))
        {
            errors["code"] = L["This forum already has a session type with the code {0}.", code];
        }
        SingleLine.Check(errors, L, ("name", name), ("label", label));
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors.TryAdd("name", L["Give the type a name of at most {0} characters.", 100]);
        }
        if (string.IsNullOrEmpty(label) || label.Length > 60)
        {
            errors.TryAdd("label", L["Give the number label, such as “Open Forum” for “Open Forum #56”, in at most {0} characters.", 60]);
        }
        if (minutes is not (>= MinLength and <= MaxLength))
        {
            errors["length"] = L["Enter the usual length in minutes, from {0} to {1}.", MinLength, MaxLength];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var after = new { Code = code, Name = name, NumberLabel = label, DefaultLengthMinutes = minutes };
        SessionType saved;
        if (existing is null)
        {
            saved = db.SessionTypes.Add(new SessionType
            {
                ForumId = forum.Id, Code = code!, Name = name!, NumberLabel = label!, DefaultLengthMinutes = minutes!.Value,
                Position = forum.SessionTypes.Select(t => t.Position).DefaultIfEmpty().Max() + 1,
            }).Entity;
            db.Record(user, clock, forum.Id, "session-type.add", code!, null, after);
        }
        else
        {
            var before = Describe(existing);
            // Queries do not track by default; attached, only the changed columns are written.
            saved = db.Attach(existing).Entity;
            (saved.Code, saved.Name, saved.NumberLabel, saved.DefaultLengthMinutes) = (code!, name!, label!, minutes!.Value);
            db.Record(user, clock, forum.Id, "session-type.change", code!, before, after);
        }
        await db.SaveChangesAsync(cancel);
        return (saved, errors);
    }

    /// <summary>Removes a type; null when done, else why not.</summary>
    public async Task<string?> RemoveAsync(Forum forum, SessionType type, ClaimsPrincipal user, CancellationToken cancel)
    {
        var sessions = await db.Sessions.CountAsync(s => s.TypeId == type.Id, cancel);
        if (sessions > 0)
        {
            // Sessions are numbered within their type; without it they would have neither a name nor an address.
            return L["{0} sessions are of the type “{1}”. A type is removed only when no session uses it.", sessions, type.Name];
        }
        db.SessionTypes.Remove(type);
        db.Record(user, clock, forum.Id, "session-type.remove", type.Code, Describe(type), null);
        await db.SaveChangesAsync(cancel);
        return null;
    }

    private static object Describe(SessionType t) => new { t.Code, t.Name, t.NumberLabel, t.DefaultLengthMinutes };
}
