using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>A session type as the Secretariat sends it from the workspace form or the API.</summary>
public sealed class SessionTypeForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? NumberLabel { get; set; }
    public int? DefaultLengthMinutes { get; set; }

    /// <summary>The forum whose types the code must differ from, and the type changed (0 for a new one).</summary>
    public sealed record In(Forum Forum, int Id);
}

public sealed class SessionTypeFormValidator : AbstractValidator<SessionTypeForm>
{
    public SessionTypeFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Code ?? "").Field("code")
            .Must(code => code.Length is > 0 and <= 10 && code.All(char.IsAsciiLetterOrDigit))
            .WithMessage(_ => L["Give the type a code of 1 to 10 letters or digits, such as WS or DAY0."])
            .Must((_, code, context) => context.Scope<SessionTypeForm.In>() is var scope && !scope.Forum.SessionTypes.Any(t => t.Id != scope.Id && t.Code == code))
            .WithMessage((_, code) => L["This forum already has a session type with the code {0}.", code]);
        RuleFor(f => f.Name ?? "").Field("name")
            .OnOneLine(L)
            .Must(name => name.Length is > 0 and <= 100).WithMessage(_ => L["Give the type a name of at most {0} characters.", 100]);
        RuleFor(f => f.NumberLabel ?? "").Field("label")
            .OnOneLine(L)
            .Must(label => label.Length is > 0 and <= 60)
            .WithMessage(_ => L["Give the number label, such as “Open Forum” for “Open Forum #56”, in at most {0} characters.", 60]);
        RuleFor(f => f.DefaultLengthMinutes).Field("length")
            .Must(minutes => minutes is >= SessionTypeChange.MinLength and <= SessionTypeChange.MaxLength)
            .WithMessage(_ => L["Enter the usual length in minutes, from {0} to {1}.", SessionTypeChange.MinLength, SessionTypeChange.MaxLength]);
    }
}

/// <summary>Adds, changes and removes session types with one set of rules for page and API; audited and public at once.</summary>
public sealed class SessionTypeChange(PlenaryDb db, IValidator<SessionTypeForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int MinLength = 5;
    public const int MaxLength = 480;

    /// <summary>
    /// Adds a type (<paramref name="existing"/> null) or changes one; the saved type, or the problems by field.
    /// Trims the form in place, so a page shows what was checked.
    /// </summary>
    public async Task<ChangeResult<SessionType>> SaveAsync(Forum forum, SessionType? existing, SessionTypeForm form,
        ClaimsPrincipal user, CancellationToken cancel)
    {
        form.Code = form.Code?.Trim().ToUpperInvariant();
        form.Name = form.Name?.Trim();
        form.NumberLabel = form.NumberLabel?.Trim();
        if (await validator.CheckAsync(form, new SessionTypeForm.In(forum, existing?.Id ?? 0), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var (code, name, label, minutes) = (form.Code, form.Name, form.NumberLabel, form.DefaultLengthMinutes);

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
        return ChangeResult<SessionType>.Done(saved);
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
