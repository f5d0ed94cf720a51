using System.Globalization;

namespace Plenary.Features.Search;

/// <summary>
/// A search's own address and the addresses next to it: another page, a facet value added or removed, one year. Built
/// from what was read (<see cref="SearchQueries.Read"/>), in the keys' usual order, so that a search has one shareable URL
/// and going to another page or facet keeps everything else.
/// </summary>
public static class SearchLinks
{
    public const string Page = "/search";

    /// <summary>The search's parameters without its page: q, forum, from, to, type, subtheme, sdg, gdc, wsis, group, region, lang, has.</summary>
    public static List<KeyValuePair<string, string?>> Parameters(this SearchRequest request)
    {
        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("q", request.Query), new("forum", request.Forum?.Slug), new("from", request.From is { } from ? Number(from) : null),
            new("to", request.To is { } to ? Number(to) : null), new("type", request.Type),
            new("subtheme", request.Subtheme is { } subtheme ? Number(subtheme.Id) : null), new("sdg", request.Sdg is { } sdg ? Number(sdg) : null),
            new("gdc", request.Gdc), new("wsis", request.Wsis),
            new("group", request.Group?.ToString()), new("region", request.Region?.ToString()), new("lang", request.Language),
            new("has", request.HasReport ? "report" : null), new("has", request.HasTranscript ? "transcript" : null),
        };
        return [.. parameters.Where(p => p.Value is not null)];
    }

    /// <summary>This search at another page of its results.</summary>
    public static string AtPage(this SearchRequest request, int page) =>
        Href(request.Parameters().Append(new("page", page.ToString(CultureInfo.InvariantCulture))));

    /// <summary>This search narrowed by one more facet value, from its first page; a facet of one value has it replaced.</summary>
    public static string Adding(this SearchRequest request, string key, string value) =>
        Href(request.Parameters().Where(p => p.Key != key || key == "has").Append(new(key, value)));

    /// <summary>This search without one of the values it is narrowed to.</summary>
    public static string Removing(this SearchRequest request, string key, string value) =>
        Href(request.Parameters().Where(p => !(p.Key == key && p.Value == value)));

    /// <summary>This search in one year's forums only.</summary>
    public static string InYear(this SearchRequest request, int year)
    {
        var text = year.ToString(CultureInfo.InvariantCulture);
        return Href(request.Parameters().Where(p => p.Key is not ("from" or "to")).Append(new("from", text)).Append(new("to", text)));
    }

    private static string Href(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        // In the keys' usual order whatever was changed, so one search has one address.
        var ordered = parameters.OrderBy(p => Array.IndexOf(SearchQueries.Keys, p.Key));
        return Page + QueryString.Create(ordered).ToUriComponent();
    }
}
