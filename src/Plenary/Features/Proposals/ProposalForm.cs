using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Features.Rooms;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Proposals;

/// <summary>A proposal as posted by the form: plain strings, so that a value not in a list is refused with a message, never defaulted.</summary>
public sealed class ProposalForm
{
    public string? Title { get; set; }
    public string? Type { get; set; }
    public string? Format { get; set; }
    public string? Layout { get; set; }
    public string? LengthMinutes { get; set; }
    public string? Subtheme { get; set; }
    public string? Tags { get; set; }
    public string? Description { get; set; }
    public string? PolicyQuestions { get; set; }
    public string? ExpectedOutcomes { get; set; }
    public string? OnlineEngagement { get; set; }

    /// <summary>Markdown by the slug of each of the forum's record sections in the proposal form.</summary>
    public Dictionary<string, string?> Sections { get; set; } = new(StringComparer.Ordinal);
    public List<SdgRow> Sdgs { get; set; } = [];
    public List<PersonRow> People { get; set; } = [];

    /// <summary>
    /// Global Digital Compact objectives ("3") ticked, for a forum that uses the Compact. Null leaves the proposal's links
    /// as they are (the form offers no boxes for a framework the forum does not use); an empty list removes them.
    /// </summary>
    public List<string>? Gdc { get; set; }

    /// <summary>WSIS action lines ("C5") ticked, for a forum that uses them; null leaves them as they are.</summary>
    public List<string>? Wsis { get; set; }

    /// <summary>The version the form was opened on; saving over a later one is refused.</summary>
    public int Version { get; set; }

    public sealed class SdgRow
    {
        public string? Code { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class PersonRow
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Mode { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email);
    }

    public static ProposalForm From(Proposal p, Forum forum) => new()
    {
        Title = p.Title, Type = forum.SessionTypes.FirstOrDefault(t => t.Id == p.TypeId)?.Code, Format = p.Format.ToString(), Layout = p.Layout.ToString(),
        LengthMinutes = p.LengthMinutes.ToString(CultureInfo.InvariantCulture), Subtheme = forum.Subthemes.FirstOrDefault(s => s.Id == p.SubthemeId)?.Slug,
        Tags = p.Tags, Description = p.Description, PolicyQuestions = p.PolicyQuestions, ExpectedOutcomes = p.ExpectedOutcomes, OnlineEngagement = p.OnlineEngagement,
        Sdgs = p.Sdgs.OrderBy(s => s.Code, SdgOrder.Instance).Select(s => new SdgRow { Code = s.Code, Reason = s.Reason }).ToList(),
        Gdc = forum.UsesGdc ? Codes(p, Frameworks.Framework.Gdc) : null, Wsis = forum.UsesWsis ? Codes(p, Frameworks.Framework.Wsis) : null,
        People = p.People.OrderBy(x => x.Kind).ThenBy(x => x.Position)
            .Select(x => new PersonRow { Kind = x.Kind.ToString(), Name = x.Name, Email = x.Email, Mode = x.Mode.ToString() }).ToList(),
        Sections = ProposalSections.Of(forum).ToDictionary(s => s.Slug, s => (string?)p.Sections.FirstOrDefault(t => t.SectionId == s.Id)?.Text, StringComparer.Ordinal),
        Version = p.Version,
    };

    private static List<string> Codes(Proposal p, Frameworks.Framework framework) =>
        p.FrameworkLinks.Where(l => l.Framework == framework).Select(l => l.Code).OrderBy(c => Frameworks.FrameworkCatalogue.Position(framework, c)).ToList();

    /// <summary>The codes sent for a framework; null when the field was left out.</summary>
    public List<string>? CodesFor(Frameworks.Framework framework) => framework == Frameworks.Framework.Gdc ? Gdc : Wsis;

    /// <summary>The form's rows of one kind, then empty ones to fill in (the page works without script, so it offers spare rows).</summary>
    public List<PersonRow> RowsOf(SessionRoleKind kind, int atLeast, int spare)
    {
        // Rows keep their places (blank ones too), so "Speaker 3" in a message is the third speaker row on the page.
        var rows = People.Where(r => r.Kind == kind.ToString()).ToList();
        var count = Math.Max(atLeast, rows.Count(r => !r.IsEmpty) + spare);
        while (rows.Count < count)
        {
            rows.Add(new PersonRow { Kind = kind.ToString(), Mode = kind == SessionRoleKind.OnlineModerator ? nameof(ParticipationMode.Online) : nameof(ParticipationMode.Onsite) });
        }
        return rows;
    }

    public List<SdgRow> SdgRows(int spare)
    {
        var rows = Sdgs.ToList();
        var count = rows.Count(s => !string.IsNullOrWhiteSpace(s.Code) || !string.IsNullOrWhiteSpace(s.Reason)) + spare;
        while (rows.Count < count)
        {
            rows.Add(new SdgRow());
        }
        return rows;
    }

    /// <summary>The id of a person field on the page, which error messages link to: "speaker-2-email".</summary>
    public static string FieldId(SessionRoleKind kind, int number, string field) => $"{kind.ToString().ToLowerInvariant()}-{number}-{field}";

    /// <summary>What a valid form says, ready to apply; errors are keyed by the field's id.</summary>
    public sealed record Checked(string Title, SessionType Type, SessionFormat Format, RoomLayout Layout, int LengthMinutes, int? SubthemeId,
        List<(string Code, string Reason)> Sdgs, List<(SessionRoleKind Kind, string Name, string Email, ParticipationMode Mode)> People);

    /// <summary>The forum and call the proposal is checked against.</summary>
    public sealed record In(Forum Forum, Call Call);

    /// <summary>Trims the form in place, so a page shows again what was checked; empty texts become null.</summary>
    public ProposalForm Trimmed()
    {
        static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        Title = Title?.Trim();
        (Tags, Description, PolicyQuestions, ExpectedOutcomes, OnlineEngagement) =
            (Trim(Tags), Trim(Description), Trim(PolicyQuestions), Trim(ExpectedOutcomes), Trim(OnlineEngagement));
        Sections = Sections.ToDictionary(s => s.Key, s => Trim(s.Value), StringComparer.Ordinal);
        // The form sends an empty value beside its checkboxes so that unticking them all still says "none".
        Gdc = Gdc?.Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Wsis = Wsis?.Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return this;
    }

    /// <summary>The session type chosen, when the call accepts it.</summary>
    public SessionType? TypeIn(In scope) =>
        scope.Forum.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, Type, StringComparison.OrdinalIgnoreCase) && scope.Call.Accepts(t.Code));

    /// <summary>The length typed, or the type's usual one when left empty; null when neither is a length.</summary>
    public int? LengthIn(In scope) =>
        string.IsNullOrWhiteSpace(LengthMinutes) && TypeIn(scope) is { } type ? type.DefaultLengthMinutes
        : int.TryParse(LengthMinutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length is >= 5 and <= 480 ? length : null;

    /// <summary>The person rows with their role and their number among that role's rows ("Speaker 3"); rows without a known role are left out.</summary>
    public IEnumerable<(PersonRow Row, SessionRoleKind Kind, int Number)> NumberedPeople()
    {
        var numbers = new Dictionary<SessionRoleKind, int>();
        foreach (var row in People)
        {
            if (EnumValue.TryParse<SessionRoleKind>(row.Kind, out var kind))
            {
                numbers[kind] = numbers.GetValueOrDefault(kind) + 1;
                yield return (row, kind, numbers[kind]);
            }
        }
    }

    public static ParticipationMode? ModeOf(SessionRoleKind kind, string? mode) => kind switch
    {
        SessionRoleKind.OnsiteModerator => ParticipationMode.Onsite,
        SessionRoleKind.OnlineModerator => ParticipationMode.Online,
        _ => EnumValue.TryParse<ParticipationMode>(mode, out var m) ? m : null,
    };

    /// <summary>What the form says once its validator passed it, ready to apply.</summary>
    public Checked Read(In scope) => new(Title!, TypeIn(scope)!, Enum.Parse<SessionFormat>(Format!), Enum.Parse<RoomLayout>(Layout!), LengthIn(scope)!.Value,
        string.IsNullOrWhiteSpace(Subtheme) ? null : scope.Forum.Subthemes.First(s => s.Slug == Subtheme).Id,
        Sdgs.Select(r => (Code: r.Code?.Trim() ?? "", Reason: r.Reason?.Trim() ?? "")).Where(r => r.Code.Length > 0 || r.Reason.Length > 0).ToList(),
        NumberedPeople().Where(p => !p.Row.IsEmpty)
            .Select(p => (p.Kind, p.Row.Name?.Trim() ?? "", p.Row.Email?.Trim() ?? "", ModeOf(p.Kind, p.Row.Mode)!.Value)).ToList());

    public static string RowLabel(IStringLocalizer L, SessionRoleKind kind, int number) => kind switch
    {
        SessionRoleKind.Organiser => L["Co-organiser {0}", number],
        SessionRoleKind.Speaker => L["Speaker {0}", number],
        _ => L.Label(kind),
    };
}

public sealed class ProposalFormValidator : AbstractValidator<ProposalForm>
{
    public ProposalFormValidator(SdgCatalogue catalogue, Frameworks.FrameworkCatalogue frameworks, IStringLocalizer<SharedResource> L)
    {
        RuleFor(f => f.Title ?? "").Field("title")
            .OnOneLine(L)
            .Must(title => title.Length is > 0 and <= Proposal.MaxTitle).WithMessage(_ => L["Give the proposal a title of at most {0} characters.", Proposal.MaxTitle]);
        RuleFor(f => f.Type).Field("type").Must((f, _, context) => f.TypeIn(context.Scope<ProposalForm.In>()) is not null)
            .WithMessage(_ => L["Choose a session type the call accepts."]);
        RuleFor(f => f.Format).Field("format").OneOf<ProposalForm, SessionFormat>().WithMessage(_ => L["Choose a format from the list."]);
        RuleFor(f => f.Layout).Field("layout").OneOf<ProposalForm, RoomLayout>().WithMessage(_ => L["Choose a layout from the list."]);
        RuleFor(f => f.LengthMinutes).Field("length")
            .Must((f, _, context) => f.LengthIn(context.Scope<ProposalForm.In>()) is not null)
            .WithMessage(_ => L["Enter the length in minutes, from {0} to {1}.", 5, 480]);
        RuleFor(f => f.Subtheme).Field("subtheme")
            .Must((_, slug, context) => context.Scope<ProposalForm.In>().Forum.Subthemes.Any(s => s.Slug == slug))
            .WithMessage(_ => L["Choose a subtheme from the list."])
            .When(f => !string.IsNullOrWhiteSpace(f.Subtheme));
        RuleFor(f => f.Tags ?? "").Field("tags")
            .AtMost(1_000, L)
            .OnOneLine(L);
        Text(RuleFor(f => f.Description).Field("description"), L);
        Text(RuleFor(f => f.PolicyQuestions).Field("policyquestions"), L);
        Text(RuleFor(f => f.ExpectedOutcomes).Field("outcomes"), L);
        Text(RuleFor(f => f.OnlineEngagement).Field("online"), L);
        RuleFor(f => f.Sections).Custom((texts, context) =>
        {
            var sections = ProposalSections.Of(context.Scope<ProposalForm.In>().Forum).ToDictionary(s => s.Slug, StringComparer.Ordinal);
            foreach (var (slug, text) in texts)
            {
                if (!sections.ContainsKey(slug))
                {
                    context.AddFailure("sections", L["This forum's proposal form has no section “{0}”.", slug.Length > 60 ? slug[..60] : slug]);
                }
                else if (text?.Length > SessionSection.MaxText)
                {
                    context.AddFailure($"section-{slug}", Rules.TooLong(L, SessionSection.MaxText, text.Length));
                }
            }
        });
        // Rows are checked together: an SDG or an address listed twice is wrong only next to the first.
        RuleFor(f => f.Sdgs).Custom((rows, context) =>
        {
            var listed = new List<string>();
            for (var i = 0; i < rows.Count; i++)
            {
                var code = rows[i].Code?.Trim() ?? "";
                var reason = rows[i].Reason?.Trim() ?? "";
                if (code.Length == 0 && reason.Length == 0)
                {
                    continue;
                }
                var known = (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && catalogue.FindGoal(goal) is not null)
                            || (code.Length <= 8 && catalogue.FindTarget(code) is not null);
                if (!known)
                {
                    context.AddFailure($"sdg-{i}-code", L["“{0}” is not an SDG goal or target. Use a goal number such as 9 or a target code such as 9.c.", code.Length > 12 ? code[..12] : code]);
                }
                else if (listed.Contains(code))
                {
                    context.AddFailure($"sdg-{i}-code", L["SDG {0} is listed twice.", code]);
                }
                else if (reason.Length is 0 or > 2_000)
                {
                    context.AddFailure($"sdg-{i}-reason", L["SDG {0}: say in at most {1} characters how the session serves it.", code, 2_000]);
                }
                else
                {
                    listed.Add(code);
                }
            }
        });
        foreach (var framework in Frameworks.FrameworkCatalogue.All)
        {
            var field = Frameworks.FrameworkCatalogue.SlugOf(framework);
            RuleFor(f => f).Field(field).Custom((form, context) =>
            {
                if (form.CodesFor(framework) is not [_, ..] codes)
                {
                    return;
                }
                var info = frameworks[framework];
                var language = CultureInfo.CurrentUICulture.Name;
                if (!context.Scope<ProposalForm.In>().Forum.Uses(framework))
                {
                    context.AddFailure(field, L["This forum does not link its proposals to the {0}. Leave it out, or ask the Secretariat to choose it in the forum's settings.", info.Name(language)]);
                }
                else if (codes.FirstOrDefault(c => frameworks.Find(framework, c) is null) is { } unknown)
                {
                    context.AddFailure(field, L["“{0}” is not in the {1}. Use one of: {2}.", unknown.Length > 12 ? unknown[..12] : unknown, info.Name(language), L.List(info.Items.Select(i => i.Code))]);
                }
            });
        }
        RuleFor(f => f.People).Custom((rows, context) =>
        {
            if (rows.Any(r => !EnumValue.TryParse<SessionRoleKind>(r.Kind, out _)))
            {
                context.AddFailure("", L["Choose a role from the list."]);
            }
            var listed = new List<(SessionRoleKind Kind, string Email)>();
            foreach (var (row, kind, number) in context.InstanceToValidate.NumberedPeople().Where(p => !p.Row.IsEmpty))
            {
                var label = ProposalForm.RowLabel(L, kind, number);
                var name = row.Name?.Trim() ?? "";
                var email = row.Email?.Trim() ?? "";
                var holds = true;
                if (!SingleLine.Holds(name))
                {
                    context.AddFailure(ProposalForm.FieldId(kind, number, "name"), $"{label}: {SingleLine.Problem(L)}");
                    holds = false;
                }
                else if (name.Length is 0 or > 200)
                {
                    context.AddFailure(ProposalForm.FieldId(kind, number, "name"), L["{0}: write the name, at most {1} characters.", label, 200]);
                    holds = false;
                }
                if (!AccountPageModel.LooksLikeEmail(email))
                {
                    context.AddFailure(ProposalForm.FieldId(kind, number, "email"), L["{0}: enter an e-mail address such as name@example.org.", label]);
                    holds = false;
                }
                else if (listed.Any(p => p.Kind == kind && string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)))
                {
                    context.AddFailure(ProposalForm.FieldId(kind, number, "email"), kind == SessionRoleKind.Speaker
                        ? L["{0}: {1} is already listed as a speaker. Each speaker appears once.", label, email]
                        : L["{0}: {1} is already listed in this role.", label, email]);
                    holds = false;
                }
                if (ProposalForm.ModeOf(kind, row.Mode) is null)
                {
                    context.AddFailure(ProposalForm.FieldId(kind, number, "mode"), L["{0}: choose onsite or online.", label]);
                }
                else if (holds)
                {
                    listed.Add((kind, email));
                }
            }
        });
    }

    private static void Text(IRuleBuilderInitial<ProposalForm, string?> rule, IStringLocalizer L) =>
        rule.AtMost(Proposal.MaxText, L);
}

/// <summary>SDG codes in the UN's order: 2 before 10, 9.1 before 9.a.</summary>
public sealed class SdgOrder : IComparer<string>
{
    public static readonly SdgOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (gx, rx) = Split(x);
        var (gy, ry) = Split(y);
        return gx != gy ? gx.CompareTo(gy) : string.CompareOrdinal(rx, ry);
    }

    private static (int, string) Split(string? code)
    {
        var dot = (code ?? "").IndexOf('.');
        var goal = dot < 0 ? code : code![..dot];
        return (int.TryParse(goal, out var g) ? g : 99, dot < 0 ? "" : code![(dot + 1)..].PadLeft(3, '0'));
    }
}

/// <summary>The record sections a forum asks proposers to fill in, in its order.</summary>
public static class ProposalSections
{
    public static IEnumerable<RecordSection> Of(Forum forum) => forum.RecordSections.Where(s => s.InProposalForm).OrderBy(s => s.Position).ThenBy(s => s.Id);

    /// <summary>Puts the form's texts on the proposal: a section left empty has no row, a section not in the form keeps its text.</summary>
    public static void Apply(Proposal proposal, Forum forum, ProposalForm form)
    {
        foreach (var section in Of(forum))
        {
            if (!form.Sections.TryGetValue(section.Slug, out var text))
            {
                continue;
            }
            var held = proposal.Sections.FirstOrDefault(t => t.SectionId == section.Id);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (held is not null)
                {
                    proposal.Sections.Remove(held);
                }
            }
            else if (held is null)
            {
                proposal.Sections.Add(new ProposalSection { SectionId = section.Id, Text = text });
            }
            else
            {
                held.Text = text;
            }
        }
    }
}
