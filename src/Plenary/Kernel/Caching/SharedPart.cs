using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Localization;

namespace Plenary.Kernel.Caching;

/// <summary>
/// The slots of a page kept whole for signed-in readers (<see cref="KeptPages"/>): where one reader's own part goes in
/// the page every reader of one language and address shares, and how such a page is told apart.
/// </summary>
public static class SharedParts
{
    // A slot is an HTML comment with a secret of this process: reader text is HTML-encoded, so it cannot write a
    // comment, and even text that could would not know the secret, so no one can make a slot that is not the page's.
    private static readonly string Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static readonly string Opening = $"<!--personal:{Secret}:";
    private const string Closing = "-->";

    /// <summary>The slot written into the shared page where one person's <paramref name="kind"/> for <paramref name="argument"/> goes.</summary>
    public static IHtmlContent Slot(string kind, int argument) =>
        new HtmlString(string.Concat(Opening, kind, ":", argument.ToString(CultureInfo.InvariantCulture), Closing));

    /// <summary>A page's shared part is told apart by the page, the address with its query, and the language.</summary>
    public static string KeyFor(HttpContext context, string page) => string.Join('\n', "shared", page,
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? CultureInfo.CurrentUICulture.Name,
        context.Request.Path.Value, context.Request.QueryString.Value);

    internal static List<(string Html, string? Kind, int Argument)> Cut(string shared)
    {
        var pieces = new List<(string, string?, int)>();
        var from = 0;
        while (shared.IndexOf(Opening, from, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = shared.IndexOf(Closing, start + Opening.Length, StringComparison.Ordinal);
            var slot = shared.AsSpan(start + Opening.Length, end - start - Opening.Length);
            var colon = slot.LastIndexOf(':');
            pieces.Add((shared[from..start], slot[..colon].ToString(), int.Parse(slot[(colon + 1)..], CultureInfo.InvariantCulture)));
            from = end + Closing.Length;
        }
        pieces.Add((shared[from..], null, 0));
        return pieces;
    }
}
