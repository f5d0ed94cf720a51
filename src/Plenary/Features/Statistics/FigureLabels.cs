using System.Globalization;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Localization;

namespace Plenary.Features.Statistics;

/// <summary>The words of the statistics in the reader's language: the page, its CSV files and the outcome document share them.</summary>
public static class FigureLabels
{
    /// <summary>A group of people: a stakeholder or regional group, a gender, a mode; "other" and "not stated".</summary>
    public static string Group(string key, IStringLocalizer l) => key switch
    {
        FigureKeys.Other => l["Other groups"],
        FigureKeys.NotStated => l["Not stated"],
        _ when Enum.TryParse<StakeholderGroup>(key, out var g) => l.Label(g),
        _ when Enum.TryParse<RegionalGroup>(key, out var r) => l.Label(r),
        _ when Enum.TryParse<Gender>(key, out var g) => l.Label(g),
        _ when Enum.TryParse<ParticipationMode>(key, out var m) => l.Label(m),
        _ => key,
    };

    public static string Caption(string figure, IStringLocalizer l) => figure switch
    {
        "registrations-by-stakeholder-group" => l["Registrations and attendance by stakeholder group"],
        "registrations-by-regional-group" => l["Registrations and attendance by regional group"],
        "registrations-by-country" => l["Registrations and attendance by country"],
        "registrations-by-gender" => l["Registrations and attendance by gender (self-described)"],
        "first-time" => l["First-time and returning participants"],
        "sessions-by-type" => l["Sessions by type"],
        "sessions-by-subtheme" => l["Sessions by subtheme"],
        "sessions-by-sdg" => l["Sessions by SDG"],
        "sessions-by-gdc" => l["Sessions by Global Digital Compact objective"],
        "sessions-by-wsis" => l["Sessions by WSIS action line"],
        "sessions-by-format" => l["Sessions by format"],
        "speakers-by-mode" => l["Speakers onsite and online"],
        "speakers-by-gender" => l["Speakers and moderators by gender"],
        "speakers-by-stakeholder-group" => l["Speakers and moderators by stakeholder group"],
        "speakers-by-regional-group" => l["Speakers and moderators by regional group"],
        "reporting" => l["Key takeaways against their deadline"],
        "editions" => l["Across editions"],
        _ => figure,
    };

    public static string Column(string column, IStringLocalizer l) => column switch
    {
        "registered" => l["Registered"],
        "approved" => l["Approved"],
        "checked-in" => l["Checked in onsite"],
        "online" => l["Online"],
        "remote-hubs" => l["Remote hubs"],
        "hub-headcount" => l["Headcount at remote hubs"],
        "sessions" => l["Sessions"],
        "speakers" => l["Speakers"],
        "moderators" => l["Moderators"],
        "takeaways" => l["Sessions"],
        "year" => l["Year"],
        _ => column,
    };

    /// <summary>The row's label in the figure it belongs to.</summary>
    public static string Row(Figure figure, FigureRow row, Forum forum, IReadOnlyList<Edition> editions, SdgCatalogue sdgs, IStringLocalizer l)
    {
        var culture = CultureInfo.CurrentUICulture;
        return (figure.Id, row.Key) switch
        {
            (_, FigureKeys.Other) or (_, FigureKeys.NotStated) => Group(row.Key, l),
            ("registrations-by-country", var code) => Countries.Name(code, culture) ?? code,
            ("first-time", "first-time") => l["First time at a forum here"],
            ("first-time", _) => l["Returning from an earlier forum"],
            ("sessions-by-type", var code) => forum.SessionTypes.FirstOrDefault(t => t.Code == code) is { } type ? l.TypeName(type) : code,
            ("sessions-by-subtheme", var slug) => forum.Subthemes.FirstOrDefault(s => s.Slug == slug)?.Name ?? slug,
            ("sessions-by-sdg", var goal) => int.TryParse(goal, CultureInfo.InvariantCulture, out var g) ? $"{g}. {sdgs.FindGoal(g)?.ShortName(culture.Name)}" : goal,
            ("sessions-by-gdc", var code) => Item(Frameworks.Framework.Gdc, code),
            ("sessions-by-wsis", var code) => Item(Frameworks.Framework.Wsis, code),
            ("sessions-by-format", var format) => Enum.TryParse<SessionFormat>(format, out var f) ? l.Label(f) : format,
            ("reporting", "on-time") => l["On time"],
            ("reporting", "late") => l["Late"],
            ("reporting", "missing") => l["Missing"],
            ("reporting", "not-due") => l["Not due yet"],
            ("editions", var slug) => editions.FirstOrDefault(e => e.Id == slug)?.Name ?? slug,
            _ => Group(row.Key, l),
        };

        // Reference data, the same for every forum: the catalogue the framework pages read.
        static string Item(Frameworks.Framework framework, string code) =>
            Frameworks.FrameworkCatalogue.Shared.Find(framework, code) is { } item ? $"{item.Code}. {item.ShortName(CultureInfo.CurrentUICulture.Name)}" : code;
    }

    /// <summary>A cell: the number in the reader's digits, or "fewer than 5" where it is withheld.</summary>
    public static string Cell(int? value, string column, IStringLocalizer l) =>
        value is not { } v ? l["fewer than 5"] : column == "year" ? v.ToString(CultureInfo.InvariantCulture) : v.ToString("N0", CultureInfo.CurrentCulture);
}
