using System.Globalization;
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
    public List<SdgRow> Sdgs { get; set; } = [];
    public List<PersonRow> People { get; set; } = [];

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
        People = p.People.OrderBy(x => x.Kind).ThenBy(x => x.Position)
            .Select(x => new PersonRow { Kind = x.Kind.ToString(), Name = x.Name, Email = x.Email, Mode = x.Mode.ToString() }).ToList(),
        Version = p.Version,
    };

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

    public Checked? Check(Forum forum, Call call, SdgCatalogue catalogue, Dictionary<string, string> errors, IStringLocalizer L)
    {
        string? Text(string? value, int max, string field)
        {
            value = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (value is { Length: var n } && n > max)
            {
                errors[field] = L["Shorten this to at most {0} characters.", max];
            }
            return value;
        }
        Title = Title?.Trim();
        if (!SingleLine.Holds(Title))
        {
            errors["title"] = SingleLine.Problem(L);
        }
        else if (string.IsNullOrEmpty(Title) || Title.Length > Proposal.MaxTitle)
        {
            errors["title"] = L["Give the proposal a title of at most {0} characters.", Proposal.MaxTitle];
        }
        var type = forum.SessionTypes.FirstOrDefault(t => string.Equals(t.Code, Type, StringComparison.OrdinalIgnoreCase) && call.Accepts(t.Code));
        if (type is null)
        {
            errors["type"] = L["Choose a session type the call accepts."];
        }
        if (!EnumValue.TryParse<SessionFormat>(Format, out var format))
        {
            errors["format"] = L["Choose a format from the list."];
        }
        if (!EnumValue.TryParse<RoomLayout>(Layout, out var layout))
        {
            errors["layout"] = L["Choose a layout from the list."];
        }
        var length = 0;
        if (string.IsNullOrWhiteSpace(LengthMinutes) && type is not null)
        {
            length = type.DefaultLengthMinutes;
        }
        else if (!int.TryParse(LengthMinutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length is < 5 or > 480)
        {
            errors["length"] = L["Enter the length in minutes, from {0} to {1}.", 5, 480];
        }
        int? subtheme = null;
        if (!string.IsNullOrWhiteSpace(Subtheme))
        {
            subtheme = forum.Subthemes.FirstOrDefault(s => s.Slug == Subtheme)?.Id;
            if (subtheme is null)
            {
                errors["subtheme"] = L["Choose a subtheme from the list."];
            }
        }
        Tags = Text(Tags, 1_000, "tags");
        SingleLine.Check(errors, L, ("tags", Tags));
        Description = Text(Description, Proposal.MaxText, "description");
        PolicyQuestions = Text(PolicyQuestions, Proposal.MaxText, "policyquestions");
        ExpectedOutcomes = Text(ExpectedOutcomes, Proposal.MaxText, "outcomes");
        OnlineEngagement = Text(OnlineEngagement, Proposal.MaxText, "online");

        var sdgs = new List<(string, string)>();
        for (var i = 0; i < Sdgs.Count; i++)
        {
            var row = Sdgs[i];
            var code = row.Code?.Trim() ?? "";
            var reason = row.Reason?.Trim() ?? "";
            if (code.Length == 0 && reason.Length == 0)
            {
                continue;
            }
            var known = (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && catalogue.FindGoal(goal) is not null)
                        || (code.Length <= 8 && catalogue.FindTarget(code) is not null);
            if (!known)
            {
                errors[$"sdg-{i}-code"] = L["“{0}” is not an SDG goal or target. Use a goal number such as 9 or a target code such as 9.c.", code.Length > 12 ? code[..12] : code];
            }
            else if (sdgs.Any(s => s.Item1 == code))
            {
                errors[$"sdg-{i}-code"] = L["SDG {0} is listed twice.", code];
            }
            else if (reason.Length is 0 or > 2_000)
            {
                errors[$"sdg-{i}-reason"] = L["SDG {0}: say in at most {1} characters how the session serves it.", code, 2_000];
            }
            else
            {
                sdgs.Add((code, reason));
            }
        }

        var people = new List<(SessionRoleKind, string, string, ParticipationMode)>();
        var numbers = new Dictionary<SessionRoleKind, int>();
        for (var i = 0; i < People.Count; i++)
        {
            var row = People[i];
            if (!EnumValue.TryParse<SessionRoleKind>(row.Kind, out var kind))
            {
                errors[""] = L["Choose a role from the list."];
                continue;
            }
            numbers[kind] = numbers.GetValueOrDefault(kind) + 1;
            if (row.IsEmpty)
            {
                continue;
            }
            var label = RowLabel(L, kind, numbers[kind]);
            var (nameId, emailId, modeId) = (FieldId(kind, numbers[kind], "name"), FieldId(kind, numbers[kind], "email"), FieldId(kind, numbers[kind], "mode"));
            var name = row.Name?.Trim() ?? "";
            var email = row.Email?.Trim() ?? "";
            if (!SingleLine.Holds(name))
            {
                errors[nameId] = $"{label}: {SingleLine.Problem(L)}";
            }
            else if (name.Length is 0 or > 200)
            {
                errors[nameId] = L["{0}: write the name, at most {1} characters.", label, 200];
            }
            if (!AccountPageModel.LooksLikeEmail(email))
            {
                errors[emailId] = L["{0}: enter an e-mail address such as name@example.org.", label];
            }
            else if (people.Any(p => p.Item1 == kind && string.Equals(p.Item3, email, StringComparison.OrdinalIgnoreCase)))
            {
                errors[emailId] = kind == SessionRoleKind.Speaker
                    ? L["{0}: {1} is already listed as a speaker. Each speaker appears once.", label, email]
                    : L["{0}: {1} is already listed in this role.", label, email];
            }
            var mode = kind switch
            {
                SessionRoleKind.OnsiteModerator => ParticipationMode.Onsite,
                SessionRoleKind.OnlineModerator => ParticipationMode.Online,
                _ => EnumValue.TryParse<ParticipationMode>(row.Mode, out var m) ? m : (ParticipationMode?)null,
            };
            if (mode is null)
            {
                errors[modeId] = L["{0}: choose onsite or online.", label];
            }
            else if (!errors.ContainsKey(nameId) && !errors.ContainsKey(emailId))
            {
                people.Add((kind, name, email, mode.Value));
            }
        }
        return errors.Count > 0 ? null : new Checked(Title!, type!, format, layout, length, subtheme, sdgs, people);
    }

    public static string RowLabel(IStringLocalizer L, SessionRoleKind kind, int number) => kind switch
    {
        SessionRoleKind.Organiser => L["Co-organiser {0}", number],
        SessionRoleKind.Speaker => L["Speaker {0}", number],
        _ => L.Label(kind),
    };
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
