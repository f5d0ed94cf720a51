using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Sessions;

/// <summary>A record section as the Secretariat sends it; an empty slug is made from the title when adding.</summary>
public sealed class RecordSectionForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? HelpText { get; set; }
    public bool InProposalForm { get; set; }
    public bool IsPublic { get; set; } = true;

    /// <summary>The forum whose sections the slug must differ from, and the section changed (null for a new one).</summary>
    public sealed record In(Forum Forum, RecordSection? Existing);
}

public sealed class RecordSectionFormValidator : AbstractValidator<RecordSectionForm>
{
    public RecordSectionFormValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Title ?? "").Field("title")
            .OnOneLine(L)
            .Must(t => t.Length is > 0 and <= RecordSection.MaxTitle).WithMessage(_ => L["Give the section a title of at most {0} characters.", RecordSection.MaxTitle]);
        RuleFor(f => f.HelpText ?? "").Field("help")
            .AtMost(RecordSection.MaxHelp, L);
        // A slug names a column of sessions.csv and a key of the API: never changed, so only checked when adding.
        When((_, context) => context.Scope<RecordSectionForm.In>().Existing is null, () =>
        {
            RuleFor(f => f.Slug).Field("slug")
                .Must(RecordSection.IsWellFormed)
                .WithMessage(_ => L["Give the section a short name of at most {0} lowercase letters, digits and underscores, starting with a letter, such as policy_questions.", RecordSection.MaxSlug])
                .Must(slug => !Manage.SessionCsv.Reserved.Contains(slug))
                .WithMessage((_, slug) => L["“{0}” is already a column of sessions.csv. Choose another short name.", slug!])
                .Must((_, slug, context) => !context.Scope<RecordSectionForm.In>().Forum.RecordSections.Any(s => s.Slug == slug))
                .WithMessage((_, slug) => L["Another section already uses the short name “{0}”.", slug!]);
        });
    }
}

/// <summary>Adds, changes, orders and removes a forum's record sections; audited and public at once.</summary>
public sealed class RecordSectionChange(PlenaryDb db, IValidator<RecordSectionForm> validator, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    /// <summary>What a removal did: done, or the number of sessions whose text would go and the question to ask.</summary>
    public sealed record Removal(bool Removed, int Sessions, string? Question);

    /// <summary>Adds a section (<paramref name="existing"/> null) or changes one; trims the form in place so a page shows what was checked.</summary>
    public async Task<ChangeResult<RecordSection>> SaveAsync(Forum forum, RecordSection? existing, RecordSectionForm form, ClaimsPrincipal user, CancellationToken cancel)
    {
        form.Title = form.Title?.Trim();
        form.HelpText = string.IsNullOrWhiteSpace(form.HelpText) ? null : form.HelpText.Trim();
        form.Slug = existing?.Slug ?? (string.IsNullOrWhiteSpace(form.Slug) ? RecordSection.SlugFrom(form.Title) : form.Slug.Trim());
        if (await validator.CheckAsync(form, new RecordSectionForm.In(forum, existing), cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var after = Snapshot(form.Slug!, form.Title!, form.HelpText, form.InProposalForm, form.IsPublic);
        RecordSection saved;
        if (existing is null)
        {
            saved = db.RecordSections.Add(new RecordSection
            {
                ForumId = forum.Id, Slug = form.Slug!, Title = form.Title!, HelpText = form.HelpText, InProposalForm = form.InProposalForm,
                IsPublic = form.IsPublic, Position = NextPosition(forum),
            }).Entity;
            db.Record(user, clock, forum.Id, "section.add", form.Slug!, null, after);
        }
        else
        {
            var before = Snapshot(existing.Slug, existing.Title, existing.HelpText, existing.InProposalForm, existing.IsPublic);
            if (System.Text.Json.JsonSerializer.Serialize(before) == System.Text.Json.JsonSerializer.Serialize(after))
            {
                return ChangeResult<RecordSection>.Done(existing);
            }
            saved = db.Attach(existing).Entity;
            (saved.Title, saved.HelpText, saved.InProposalForm, saved.IsPublic) = (form.Title!, form.HelpText, form.InProposalForm, form.IsPublic);
            db.Record(user, clock, forum.Id, "section.change", existing.Slug, before, after);
        }
        await db.SaveChangesAsync(cancel);
        return ChangeResult<RecordSection>.Done(saved);
    }

    /// <summary>Adds the IGF's sections of a year that the forum lacks (by slug), after its own; the sections added.</summary>
    public async Task<List<RecordSection>> AddIgfYearAsync(Forum forum, int year, ClaimsPrincipal user, CancellationToken cancel)
    {
        var added = Missing(forum, year).Select((t, i) => new RecordSection
        {
            ForumId = forum.Id, Slug = t.Slug, Title = L[t.Title], HelpText = L[t.Help], InProposalForm = t.InProposalForm, IsPublic = t.IsPublic,
            Position = NextPosition(forum) + i,
        }).ToList();
        if (added.Count == 0)
        {
            return added;
        }
        db.RecordSections.AddRange(added);
        db.Record(user, clock, forum.Id, "section.igf", year.ToString(System.Globalization.CultureInfo.InvariantCulture), null, added.Select(s => s.Slug).ToList());
        await db.SaveChangesAsync(cancel);
        return added;
    }

    /// <summary>The IGF's sections of <paramref name="year"/> that the forum does not have yet.</summary>
    public static List<IgfSections.Template> Missing(Forum forum, int year) =>
        IgfSections.For(year).Where(t => forum.RecordSections.All(s => s.Slug != t.Slug)).ToList();

    /// <summary>Moves a section one place up or down; false when the direction is not one.</summary>
    public async Task<bool> MoveAsync(Forum forum, RecordSection section, string? direction, ClaimsPrincipal user, CancellationToken cancel)
    {
        var order = forum.RecordSections.OrderBy(s => s.Position).ThenBy(s => s.Id).ToList();
        var index = order.FindIndex(s => s.Id == section.Id);
        var target = direction switch { "up" => index - 1, "down" => index + 1, _ => -2 };
        if (target == -2)
        {
            return false;
        }
        if (target >= 0 && target < order.Count)
        {
            db.AttachRange(order);
            order.RemoveAt(index);
            order.Insert(target, section);
            // Positions are renumbered 1..n, which also mends duplicates left by earlier data.
            for (var i = 0; i < order.Count; i++)
            {
                order[i].Position = i + 1;
            }
            db.Record(user, clock, forum.Id, "section.move", section.Slug, new { Position = index + 1 }, new { Position = target + 1 });
            await db.SaveChangesAsync(cancel);
        }
        return true;
    }

    /// <summary>Removes a section; one that sessions hold text in only when <paramref name="confirmed"/>, and that text goes with it.</summary>
    public async Task<Removal> RemoveAsync(Forum forum, RecordSection section, bool confirmed, ClaimsPrincipal user, CancellationToken cancel)
    {
        var sessions = await db.SessionSections.CountAsync(t => t.SectionId == section.Id, cancel);
        if (sessions > 0 && !confirmed)
        {
            return new Removal(false, sessions, sessions == 1
                ? L["One session holds text in “{0}”. Removing the section removes that text from it; export sessions.csv first to keep a copy.", section.Title]
                : L["{0} sessions hold text in “{1}”. Removing the section removes that text from them; export sessions.csv first to keep a copy.", sessions, section.Title]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        // Said explicitly rather than left to the foreign key, so the count in the log is what happened.
        var removed = await db.SessionSections.Where(t => t.SectionId == section.Id).ExecuteDeleteAsync(cancel);
        // The text's translations go with it: kept, they would be hidden for ever, their original gone.
        var translations = await db.SessionTranslations
            .Where(t => t.Part == TranslatedPart.Section && t.PartId == section.Id && db.Sessions.Any(s => s.Id == t.SessionId && s.ForumId == forum.Id))
            .ExecuteDeleteAsync(cancel);
        db.RecordSections.Remove(section);
        db.Record(user, clock, forum.Id, "section.remove", section.Slug, new { section.Title, section.Slug, Sessions = removed, Translations = translations }, null);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new Removal(true, removed, null);
    }

    private static int NextPosition(Forum forum) => forum.RecordSections.Select(s => s.Position).DefaultIfEmpty().Max() + 1;

    private static object Snapshot(string slug, string title, string? help, bool inProposalForm, bool isPublic) =>
        new { Slug = slug, Title = title, HelpText = help, InProposalForm = inProposalForm, IsPublic = isPublic };
}
