using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Operations;

namespace Plenary.Features.Search;

/// <summary>/search: one query over every forum, year and language version; a GET form, so every search is a link.</summary>
[AllowAnonymous]
public sealed class IndexModel(SearchQueries search, SearchFacetCounts counts, IStringLocalizer<SharedResource> L, PlenaryMetrics metrics) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Forum { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    /// <summary>Read from the query string itself: Razor Pages gives the name "page" to the page's own route value.</summary>
    public string? PageNumber => Request.Query["page"].FirstOrDefault();

    public SearchResults? Found { get; private set; }
    public SearchFacets Facets { get; private set; } = SearchFacets.None;
    public IReadOnlyList<SearchChoice> Chosen { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // The bare page (from the header's link or a first visit) is the form, not a mistake.
        if (Request.Query.Count == 0)
        {
            return Page();
        }
        var (request, refusal) = await search.Read(Request.Query, HttpContext.RequestAborted);
        if (request is null)
        {
            Problem = refusal!.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var started = Stopwatch.GetTimestamp();
        (Found, Facets) = await search.SearchWithFacetsAsync(request, HttpContext.RequestAborted);
        metrics.SearchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("path", "page"));
        Chosen = counts.Chosen(request, Facets);
        return Page();
    }

    public string FoundIn(SearchResult r) => r.FoundIn switch
    {
        SearchPart.Title => L["in the title"],
        SearchPart.Takeaways => L["in key takeaways"],
        SearchPart.CallsToAction => L["in calls to action"],
        SearchPart.Description => L["in the description"],
        SearchPart.Sections => L["in the session's record"],
        SearchPart.Report => L["in the session report"],
        SearchPart.GenderReport => L["in the gender report"],
        SearchPart.Transcript => L["in the transcript"],
        SearchPart.Message => L["in the message"],
        SearchPart.Affiliation => L["in the job title or affiliation"],
        _ => L["in the name"],
    };

    public string KindName(SearchKind kind) => kind switch
    {
        SearchKind.Session => L["Session"],
        SearchKind.Message => L["Message"],
        SearchKind.Person => L["Person"],
        _ => L["Organisation"],
    };
}
