using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.Mail;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Features.People;
using Plenary.Features.Programme;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Features.VisaLetters;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Registrations;

/// <summary>What a person answers to register, prefilled from their profile. Enumerations arrive as text so a wrong one is named.</summary>
public sealed class RegistrationForm
{
    public string? Mode { get; set; }
    public string? HubName { get; set; }
    public int? HubHeadcount { get; set; }
    public string? StakeholderGroup { get; set; }
    public string? RegionalGroup { get; set; }
    public string? Country { get; set; }
    public string? Gender { get; set; }
    public string? AccessibilityNeeds { get; set; }
    public List<string> Languages { get; set; } = [];

    /// <summary>An invitation letter for the visa, asked for with the registration (optional).</summary>
    public VisaLetterForm Visa { get; set; } = new();

    public static RegistrationForm From(Registration r) => new()
    {
        Mode = r.Mode.ToString(), HubName = r.HubName, HubHeadcount = r.HubHeadcount, StakeholderGroup = r.StakeholderGroup?.ToString(),
        RegionalGroup = r.RegionalGroup?.ToString(), Country = r.CountryCode, Gender = r.Gender?.ToString(), AccessibilityNeeds = r.AccessibilityNeeds,
        Languages = (r.Languages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
    };

    public static RegistrationForm From(Person p, Forum forum) => new()
    {
        Mode = nameof(AttendanceMode.Onsite), StakeholderGroup = p.StakeholderGroup?.ToString(), RegionalGroup = p.RegionalGroup?.ToString(),
        Country = p.CountryCode, Gender = p.Gender?.ToString(), Languages = forum.Languages.Take(1).ToList(),
    };
}

/// <summary>
/// Registering for a forum, the Secretariat's decisions, badges and arrivals: one set of rules for every page.
/// Every decision is audited and tells the person by e-mail in their language.
/// </summary>
public sealed class RegistrationFormValidator : AbstractValidator<RegistrationForm>
{
    public RegistrationFormValidator(IStringLocalizer<SharedResource> L, IValidator<VisaLetterForm> visa)
    {
        // The letter's fields keep their own ids (visa-name, ...), the same on this page and on the letter page.
        RuleFor(f => f.Visa).Custom((form, context) =>
        {
            foreach (var failure in visa.Validate(form).Errors)
            {
                context.AddFailure(failure.PropertyName, failure.ErrorMessage);
            }
        });
        RuleFor(f => f.Visa.Wanted).Field("visa").Must((f, wanted) => !wanted || EnumValue.Parse<AttendanceMode>(f.Mode) is null or AttendanceMode.Onsite)
            .WithMessage(_ => L["An invitation letter is for those who come to the venue: register to take part onsite."]);
        RuleFor(f => f.Mode).Field("mode").OneOf<RegistrationForm, AttendanceMode>().WithMessage(_ => L["Choose onsite, online or a remote hub."]);
        RuleFor(f => f.StakeholderGroup).Field("stakeholder").OneOf<RegistrationForm, StakeholderGroup>().When(f => !string.IsNullOrEmpty(f.StakeholderGroup))
            .WithMessage(_ => L["Choose from the list."]);
        RuleFor(f => f.RegionalGroup).Field("region").OneOf<RegistrationForm, RegionalGroup>().When(f => !string.IsNullOrEmpty(f.RegionalGroup))
            .WithMessage(_ => L["Choose from the list."]);
        RuleFor(f => f.Gender).Field("gender").OneOf<RegistrationForm, Gender>().When(f => !string.IsNullOrEmpty(f.Gender))
            .WithMessage(_ => L["Choose from the list."]);
        RuleFor(f => f.Country).Field("country").Must(c => string.IsNullOrWhiteSpace(c) || Countries.Codes.Contains(c.Trim().ToUpperInvariant()))
            .WithMessage(_ => L["Choose a country from the list."]);
        When(f => EnumValue.Parse<AttendanceMode>(f.Mode) == AttendanceMode.RemoteHub, () =>
        {
            RuleFor(f => f.HubName == null ? "" : f.HubName.Trim()).Field("hub")
                .OnOneLine(L)
                .Must(hub => hub.Length is > 0 and <= Registration.MaxHubName)
                .WithMessage(_ => L["Name the remote hub (the place the group follows from), at most {0} characters.", Registration.MaxHubName]);
            RuleFor(f => f.HubHeadcount).Field("headcount").Must(n => n is >= 1 and <= RegistrationChange.MaxHeadcount)
                .WithMessage(_ => L["Give the number of people at the hub, from 1 to {0}.", RegistrationChange.MaxHeadcount]);
        });
        RuleFor(f => f.AccessibilityNeeds).Field("access").AtMost(Registration.MaxText, L);
        RuleFor(f => f.Languages).Field("languages")
            .Must((_, languages, context) => languages.Where(l => l.Length > 0).All(context.Scope<Forum>().Languages.Contains))
            .WithMessage(_ => L["Choose from the list."]);
    }
}

public sealed class RegistrationChange(PlenaryDb db, IValidator<RegistrationForm> validator, Mailer mailer, TimeProvider clock, IStringLocalizer<SharedResource> L,
    VisaLetterChange visas)
{
    public const int MaxHeadcount = 10_000;

    /// <summary>The forum's settings; a forum that never set them registers without approval and without a closing time.</summary>
    public async Task<RegistrationSettings> SettingsAsync(int forumId, CancellationToken cancel) =>
        await db.RegistrationSettings.AsTracking().FirstOrDefaultAsync(s => s.ForumId == forumId, cancel) ?? new RegistrationSettings { ForumId = forumId };

    public Task<Registration?> OfAsync(int forumId, int accountId, CancellationToken cancel) =>
        db.Registrations.AsTracking().FirstOrDefaultAsync(r => r.ForumId == forumId && r.AccountId == accountId, cancel);

    /// <summary>
    /// Registers the signed-in person, or updates their registration: one per person and forum. A change of how they
    /// attend sends a pending registration back to the Secretariat when approval is required. The problems by field, or none.
    /// </summary>
    public async Task<ChangeResult<Registration>> RegisterAsync(Forum forum, ClaimsPrincipal user, RegistrationForm form,
        CancellationToken cancel, bool retried = false)
    {
        // Who registers and the forum's rules for it, in one round trip.
        var accountId = user.AccountId();
        var account = await db.Users.Where(a => a.Id == accountId)
            .Select(a => new
            {
                a.Id, a.PersonId, a.Email, a.PreferredLanguage,
                // Scalars, not the settings' row: SQLite has no lateral join to bring a row of another table into the projection.
                ClosesAt = db.RegistrationSettings.Where(s => s.ForumId == forum.Id).Select(s => s.ClosesAt).FirstOrDefault(),
                NeedsApproval = db.RegistrationSettings.Where(s => s.ForumId == forum.Id).Select(s => s.NeedsApproval).FirstOrDefault(),
            })
            .SingleAsync(cancel);
        var settings = new RegistrationSettings { ForumId = forum.Id, ClosesAt = account.ClosesAt, NeedsApproval = account.NeedsApproval };
        var now = clock.GetUtcNow().UtcDateTime;
        // Read and written in one transaction: on SQLite it takes the write lock at once, so two first registrations of
        // one person (a double click, two tabs) queue instead of racing; on PostgreSQL the unique index settles it below.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var existing = await OfAsync(forum.Id, account.Id, cancel);
        if (settings.ClosesAt <= now && existing is null)
        {
            var clockOfForum = ForumClock.For(forum.TimeZoneId);
            return Refusal.Of("", L["Registration closed on {0} at {1} ({2}).", ForumClock.LongDay(clockOfForum.Day(settings.ClosesAt.Value), System.Globalization.CultureInfo.CurrentCulture),
                clockOfForum.Time(settings.ClosesAt.Value), clockOfForum.ZoneName(settings.ClosesAt.Value)]).WithStatus(StatusCodes.Status409Conflict);
        }
        if (await validator.CheckAsync(form, forum, cancel) is { IsEmpty: false } refusal)
        {
            return refusal;
        }
        var mode = Enum.Parse<AttendanceMode>(form.Mode!);
        var (stakeholder, region, gender) = (EnumValue.Parse<StakeholderGroup>(form.StakeholderGroup), EnumValue.Parse<RegionalGroup>(form.RegionalGroup), EnumValue.Parse<Gender>(form.Gender));
        var country = string.IsNullOrWhiteSpace(form.Country) ? null : form.Country.Trim().ToUpperInvariant();
        var hubName = form.HubName?.Trim();
        var languages = form.Languages.Where(l => l.Length > 0).Distinct().ToList();

        var registration = existing ?? db.Registrations.Add(new Registration
        {
            ForumId = forum.Id, AccountId = account.Id, PersonId = account.PersonId, CreatedAt = now, BadgeSecret = Registration.NewBadgeSecret(),
            Status = settings.NeedsApproval ? RegistrationStatus.Pending : RegistrationStatus.Approved,
        }).Entity;
        var before = existing is null ? null : Describe(existing);
        var modeChanged = existing is not null && existing.Mode != mode;
        registration.Mode = mode;
        (registration.HubName, registration.HubHeadcount) = mode == AttendanceMode.RemoteHub ? (hubName, form.HubHeadcount) : (null, null);
        (registration.StakeholderGroup, registration.RegionalGroup, registration.CountryCode, registration.Gender) = (stakeholder, region, country, gender);
        registration.AccessibilityNeeds = string.IsNullOrWhiteSpace(form.AccessibilityNeeds) ? null : form.AccessibilityNeeds.Trim();
        registration.Languages = languages.Count == 0 ? null : string.Join(',', languages);
        registration.UpdatedAt = now;
        if (modeChanged && settings.NeedsApproval && registration.Status == RegistrationStatus.Declined)
        {
            // A declined person who changes how they attend (say, online instead of onsite) asks again.
            (registration.Status, registration.DecisionReason, registration.DecidedAt, registration.DecidedBy) = (RegistrationStatus.Pending, null, null, null);
        }
        try
        {
            // The id, and so the badge code and the log's subject, exists only after the first save.
            await db.SaveChangesAsync(cancel);
            if (form.Visa.Wanted
                && visas.Apply(forum, registration, await visas.OfAsync(forum.Id, account.Id, cancel), form.Visa, user) is { } visaProblem)
            {
                // Nothing is committed: the registration and the request are saved together or not at all.
                return Refusal.Of("visa", visaProblem).WithStatus(StatusCodes.Status409Conflict);
            }
            db.Record(user, clock, forum.Id, existing is null ? "registration.add" : "registration.change", $"R{registration.Id} {account.Email}",
                before, Describe(registration));
            if (existing is null)
            {
                QueueStatusMail(forum, registration, account.Email!, account.PreferredLanguage);
            }
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
        }
        catch (DbUpdateException) when (existing is null && !retried)
        {
            // The same person's other request registered first: this one becomes a change to that registration.
            await transaction.RollbackAsync(cancel);
            db.ChangeTracker.Clear();
            return await RegisterAsync(forum, user, form, cancel, retried: true);
        }
        if (existing is null)
        {
            mailer.SendSoon();
        }
        return ChangeResult<Registration>.Done(registration);
    }

    /// <summary>The Secretariat approves or declines; a decline needs a reason the person can read. Null when done, else the problem.</summary>
    public async Task<string?> DecideAsync(Forum forum, int registrationId, RegistrationStatus decision, string? reason, ClaimsPrincipal user, CancellationToken cancel)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (decision == RegistrationStatus.Declined && reason is null)
        {
            return L["Give the reason for declining: the person reads it."];
        }
        if (reason is { Length: > Registration.MaxText })
        {
            return Rules.TooLong(L, Registration.MaxText);
        }
        var registration = await db.Registrations.AsTracking().FirstOrDefaultAsync(r => r.Id == registrationId && r.ForumId == forum.Id, cancel);
        if (registration is null)
        {
            return L["This registration no longer exists."];
        }
        var account = await db.Users.SingleAsync(a => a.Id == registration.AccountId, cancel);
        var before = Describe(registration);
        (registration.Status, registration.DecisionReason, registration.DecidedAt, registration.DecidedBy) =
            (decision, reason, clock.GetUtcNow().UtcDateTime, user.AccountId());
        db.Record(user, clock, forum.Id, decision == RegistrationStatus.Approved ? "registration.approve" : "registration.decline",
            $"R{registration.Id} {account.Email}", before, Describe(registration));
        QueueStatusMail(forum, registration, account.Email!, account.PreferredLanguage);
        await db.SaveChangesAsync(cancel);
        mailer.SendSoon();
        return null;
    }

    public sealed record CheckInOutcome(bool Arrived, string Message, Registration? Registration, string? Name);

    /// <summary>
    /// Reads a badge at the door. A code is good only in its own forum, only with its own secret, and only for an approved,
    /// onsite registration; a second reading the same day says when the first was, and counts once.
    /// </summary>
    public async Task<CheckInOutcome> CheckInAsync(Forum forum, string? code, int? roomId, ClaimsPrincipal user, CancellationToken cancel)
    {
        if (!Registration.TryParseBadge(code, out var id, out var secret))
        {
            return new(false, L["This is not a badge code. A code looks like R123-ABCD-EFGH-JKMN."], null, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var forumClock = ForumClock.For(forum.TimeZoneId);
        var day = forumClock.Day(now);
        // The registration, its person's name and any reading of it here today, in one round trip: the queue at the door
        // waits on each. The name is only shown once the code has proved to be this forum's.
        var found = await db.Registrations.Where(r => r.Id == id).Select(r => new
        {
            Registration = r,
            Name = db.People.Where(p => p.Id == r.PersonId).Select(p => p.Name).FirstOrDefault(),
            Earlier = db.CheckIns.Where(c => c.RegistrationId == r.Id && c.Day == day && c.RoomId == roomId).OrderBy(c => c.At).Select(c => (DateTime?)c.At).FirstOrDefault(),
        }).FirstOrDefaultAsync(cancel);
        var registration = found?.Registration;
        // A wrong secret and another forum's badge get the same answer: the door learns nothing about other registrations.
        if (registration is null || registration.ForumId != forum.Id
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(registration.BadgeSecret), System.Text.Encoding.ASCII.GetBytes(secret)))
        {
            return new(false, L["No registration for {0} has this badge code. Check the code, or send the person to the registration desk.", forum.Name], null, null);
        }
        var name = found!.Name ?? "";
        if (registration.Status != RegistrationStatus.Approved)
        {
            return new(false, registration.Status == RegistrationStatus.Pending
                ? L["{0}'s registration is still waiting for approval. Send them to the registration desk.", name]
                : L["{0}'s registration was declined. Send them to the registration desk.", name], registration, name);
        }
        if (registration.Mode == AttendanceMode.Online)
        {
            return new(false, L["{0} registered to take part online. Send them to the registration desk to change to onsite.", name], registration, name);
        }
        if (roomId is { } room && forum.Rooms.All(r => r.Id != room))
        {
            return new(false, L["Choose a room from the list."], registration, name);
        }
        if (found.Earlier is { } earlier)
        {
            return new(false, L["{0} was already checked in here today at {1}.", name, forumClock.Time(earlier)], registration, name);
        }
        db.CheckIns.Add(new CheckIn { RegistrationId = registration.Id, ForumId = forum.Id, Day = day, At = now, RoomId = roomId, ByAccountId = user.AccountId() });
        await db.SaveChangesAsync(cancel);
        return new(true, L["Welcome, {0}: checked in at {1}.", name, forumClock.Time(now)], registration, name);
    }

    public sealed record DayCount(DateOnly Day, string? Room, int People);

    /// <summary>Distinct people checked in, per forum day, at the entrance (room null) and per session room.</summary>
    public async Task<List<DayCount>> ArrivalsAsync(Forum forum, CancellationToken cancel)
    {
        var counts = await db.CheckIns.Where(c => c.ForumId == forum.Id)
            .GroupBy(c => new { c.Day, c.RoomId })
            .Select(g => new { g.Key.Day, g.Key.RoomId, People = g.Select(c => c.RegistrationId).Distinct().Count() })
            .ToListAsync(cancel);
        return counts.Select(c => new DayCount(c.Day, c.RoomId is { } r ? forum.Rooms.FirstOrDefault(x => x.Id == r)?.Name : null, c.People))
            .OrderBy(c => c.Day).ThenBy(c => c.Room is not null).ThenBy(c => c.Room, StringComparer.Ordinal).ToList();
    }

    private void QueueStatusMail(Forum forum, Registration registration, string email, string language)
    {
        mailer.Queue(email, language, "registration", l =>
        {
            List<string> paragraphs = [l["Hello,"]];
            string action;
            string url;
            switch (registration.Status)
            {
                case RegistrationStatus.Approved:
                    paragraphs.Add(l["Your registration for {0} is confirmed.", forum.Name]);
                    if (registration.Mode == AttendanceMode.Online)
                    {
                        paragraphs.Add(l["You take part online: the way into each session appears on its page shortly before it starts, when you are signed in."]);
                        (action, url) = (l["See the programme"], ProgrammeLinks.Page(forum.Slug));
                    }
                    else
                    {
                        paragraphs.Add(l["Your badge code is {0}. Print your badge, or show it on your phone at the entrance.", registration.BadgeCode]);
                        (action, url) = (l["Open your badge"], RegistrationLinks.Badge(forum.Slug));
                    }
                    break;
                case RegistrationStatus.Declined:
                    paragraphs.Add(l["Your registration for {0} was not approved.", forum.Name]);
                    paragraphs.Add(l["Reason: {0}", registration.DecisionReason ?? ""]);
                    (action, url) = (l["See your registration"], RegistrationLinks.Register(forum.Slug));
                    break;
                default:
                    paragraphs.Add(l["We have your registration for {0}. The Secretariat approves each one; we will write again when it has.", forum.Name]);
                    (action, url) = (l["See your registration"], RegistrationLinks.Register(forum.Slug));
                    break;
            }
            return new MailContent(l["Your registration for {0}", forum.Name], paragraphs, action, url);
        });
    }

    /// <summary>The registration as the audit log keeps it: no gender (counted only) and no badge secret.</summary>
    private static object Describe(Registration r) => new
    {
        Mode = r.Mode.ToString(), r.HubName, r.HubHeadcount, StakeholderGroup = r.StakeholderGroup?.ToString(), RegionalGroup = r.RegionalGroup?.ToString(),
        Country = r.CountryCode, r.Languages, Status = r.Status.ToString(), r.DecisionReason,
    };
}
