using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Manage;

/// <summary>The Secretariat's workspace: the forum's settings, and the way to the rest of the workspace.</summary>
public sealed class IndexModel(PlenaryDb db, IAuthorizationService authorization, IOutputCacheStore cache, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ManagePageModel(db, authorization)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public string? HostCity { get; set; }
    [BindProperty] public string? Venue { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? FirstDay { get; set; }
    [BindProperty] public string? LastDay { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        (Name, Theme, HostCity, Venue, TimeZone) = (Forum.Name, Forum.Theme, Forum.HostCity, Forum.Venue, Forum.TimeZoneId);
        (FirstDay, LastDay) = (Day(Forum.FirstDay), Day(Forum.LastDay));
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum)
    {
        if (await DeniedAsync(forum) is { } denied)
        {
            return denied;
        }
        Name = Name?.Trim();
        Theme = Theme?.Trim();
        HostCity = HostCity?.Trim();
        Venue = Venue?.Trim();
        TimeZone = TimeZone?.Trim();
        foreach (var (field, value, max) in new[] { ("name", Name, 200), ("theme", Theme, 500), ("city", HostCity, 120), ("venue", Venue, 200) })
        {
            if (string.IsNullOrEmpty(value))
            {
                Errors.TryAdd(field, L["Fill in this field."]);
            }
            else if (value.Length > max)
            {
                Errors.TryAdd(field, L["Shorten this to at most {0} characters.", max]);
            }
        }
        if (string.IsNullOrEmpty(TimeZone) || !ForumClock.TryCreate(TimeZone, out _))
        {
            Errors.TryAdd("timezone", L["“{0}” is not a time zone. Use a name such as Africa/Addis_Ababa, Europe/Paris or UTC.", Shorten(TimeZone)]);
        }
        var first = Parse(FirstDay, "first");
        var last = Parse(LastDay, "last");
        if (first is not null && last is not null && (last < first || last.Value.DayNumber - first.Value.DayNumber > 30))
        {
            Errors.TryAdd("last", L["The last day must be on or after the first day, and within 31 days of it."]);
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = new { Forum.Name, Forum.Theme, Forum.HostCity, Forum.Venue, TimeZone = Forum.TimeZoneId, FirstDay = Day(Forum.FirstDay), LastDay = Day(Forum.LastDay) };
        var after = new { Name, Theme, HostCity, Venue, TimeZone, FirstDay = Day(first!.Value), LastDay = Day(last!.Value) };
        await using var transaction = await Db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        await Db.Forums.Where(f => f.Id == Forum.Id).ExecuteUpdateAsync(u => u
            .SetProperty(f => f.Name, Name!).SetProperty(f => f.Theme, Theme!).SetProperty(f => f.HostCity, HostCity!)
            .SetProperty(f => f.Venue, Venue!).SetProperty(f => f.TimeZoneId, TimeZone!)
            .SetProperty(f => f.FirstDay, first.Value).SetProperty(f => f.LastDay, last.Value), HttpContext.RequestAborted);
        Db.Record(User, clock, Forum.Id, "forum.settings", Forum.Slug, before, after);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        await transaction.CommitAsync(HttpContext.RequestAborted);
        // The public pages show the new settings at once.
        await cache.EvictByTagAsync(WebSetup.PublicCacheTag, HttpContext.RequestAborted);
        return Redirect($"/{Forum.Slug}/manage?saved=1");
    }

    private DateOnly? Parse(string? text, string field)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        Errors.TryAdd(field, L["Enter a day as YYYY-MM-DD, for example {0}.", "2026-06-23"]);
        return null;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";
}
