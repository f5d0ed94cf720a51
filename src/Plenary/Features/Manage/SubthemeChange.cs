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

/// <summary>A subtheme as the Secretariat sends it from the workspace form or the API; an empty slug is made from the name.</summary>
public sealed class SubthemeForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }

    /// <summary>The forum whose subthemes the slug must differ from, and the subtheme changed (0 for a new one).</summary>
    public sealed record In(Forum Forum, int Id);
}

public sealed class SubthemeFormValidator : AbstractValidator<SubthemeForm>
{
    public SubthemeFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Name ?? "").Field("name")
            .OnOneLine(L)
            .Must(name => name.Length is > 0 and <= 200).WithMessage(_ => L["Give the subtheme a name of at most {0} characters.", 200]);
        // The slug is read only once the name holds: an empty name makes an empty slug, which would say the same twice.
        RuleFor(f => f.Slug).Field("slug")
            .Must(slug => Slugs.IsWellFormed(slug, SubthemeChange.SlugLength))
            .WithMessage(_ => L["Give the subtheme a short name for addresses: at most {0} lowercase letters, digits and dashes.", SubthemeChange.SlugLength])
            .Must((_, slug, context) => context.Scope<SubthemeForm.In>() is var scope && !scope.Forum.Subthemes.Any(s => s.Id != scope.Id && s.Slug == slug))
            .WithMessage((_, slug) => L["Another subtheme already uses the short name “{0}”.", slug!])
            .When(f => SingleLine.Holds(f.Name) && f.Name is { Length: > 0 and <= 200 });
    }
}

/// <summary>Adds, changes and removes subthemes with one set of rules for page and API; audited and public at once.</summary>
public sealed class SubthemeChange(PlenaryDb db, IValidator<SubthemeForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public const int SlugLength = 80;

    /// <summary>What a removal did: done, or the number of sessions that would lose their subtheme and the question to ask.</summary>
    public sealed record Removal(bool Removed, int Sessions, string? Question);

    /// <summary>
    /// Adds a subtheme (<paramref name="existing"/> null) or changes one; the saved subtheme, or the problems by field.
    /// Trims the form (and fills an empty slug) in place, so a page shows what was checked.
    /// </summary>
    public async Task<ChangeResult<Subtheme>> SaveAsync(Forum forum, Subtheme? existing, SubthemeForm form,
        ClaimsPrincipal user, CancellationToken cancel)
    {
        form.Name = form.Name?.Trim();
        form.Slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(form.Name, SlugLength) : form.Slug.Trim();
        if (await validator.CheckAsync(form, new SubthemeForm.In(forum, existing?.Id ?? 0), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var (name, slug) = (form.Name, form.Slug);

        var after = new { Name = name, Slug = slug };
        Subtheme saved;
        if (existing is null)
        {
            saved = db.Subthemes.Add(new Subtheme { ForumId = forum.Id, Name = name!, Slug = slug!, Position = forum.Subthemes.Select(s => s.Position).DefaultIfEmpty().Max() + 1 }).Entity;
            db.Record(user, clock, forum.Id, "subtheme.add", slug!, null, after);
        }
        else
        {
            var before = new { existing.Name, existing.Slug };
            // Queries do not track by default; attached, only the changed columns are written.
            saved = db.Attach(existing).Entity;
            (saved.Name, saved.Slug) = (name!, slug!);
            db.Record(user, clock, forum.Id, "subtheme.change", slug!, before, after);
        }
        await db.SaveChangesAsync(cancel);
        return ChangeResult<Subtheme>.Done(saved);
    }

    /// <summary>Removes a subtheme; one that sessions use only when <paramref name="confirmed"/>, and they are left without one.</summary>
    public async Task<Removal> RemoveAsync(Forum forum, Subtheme subtheme, bool confirmed, ClaimsPrincipal user, CancellationToken cancel)
    {
        var sessions = await db.Sessions.CountAsync(s => s.SubthemeId == subtheme.Id, cancel);
        if (sessions > 0 && !confirmed)
        {
            return new Removal(false, sessions,
                L["{0} sessions belong to “{1}”. If it is removed, they keep no subtheme until one is chosen for them.", sessions, subtheme.Name]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        // Said explicitly rather than left to the foreign key, so the count in the log is what happened.
        var released = await db.Sessions.Where(s => s.SubthemeId == subtheme.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SubthemeId, (int?)null).SetProperty(s => s.Version, s => s.Version + 1)
            .SetProperty(s => s.ScheduleSequence, s => s.ScheduleSequence + 1), cancel);
        db.Subthemes.Remove(subtheme);
        db.Record(user, clock, forum.Id, "subtheme.remove", subtheme.Slug, new { subtheme.Name, subtheme.Slug, Sessions = released }, null);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new Removal(true, released, null);
    }
}
