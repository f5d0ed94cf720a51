using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Plenary.Infrastructure.Localization;

public static class LocalizationSetup
{
    /// <summary>The six official languages of the United Nations, in which the interface is complete (TranslationTests).</summary>
    public static readonly string[] UiCultures = ["ar", "en", "es", "fr", "ru", "zh-Hans"];

    /// <summary>Each interface language named in itself, as a language switch offers it.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages =
        [("ar", "العربية"), ("en", "English"), ("es", "Español"), ("fr", "Français"), ("ru", "Русский"), ("zh-Hans", "中文")];

    /// <summary>The interface language a culture is shown in ("fr" for fr-CA, "zh-Hans" for zh-CN), English when none.</summary>
    public static string UiCultureOf(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (UiCultures.FirstOrDefault(u => string.Equals(u, c.Name, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                return known;
            }
        }
        return "en";
    }

    /// <summary>The language of the page being answered.</summary>
    public static string CurrentUiCulture => UiCultureOf(CultureInfo.CurrentUICulture);

    public static WebApplicationBuilder AddPlenaryLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = UiCultures.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // A "?culture=fr" link is shareable; the cookie remembers a choice; the browser's preference comes last.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
        return builder;
    }

    /// <summary>GET /language/fr?returnUrl=/igf2022: remembers the choice in a cookie and goes back. Works without JavaScript.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!UiCultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                // No body, so that a browser gets the site's own "not found" page in its language, not a JSON problem.
                return Results.NotFound();
            }
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = Web.LocalUrls.IsLocal(returnUrl) ? returnUrl! : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

}
