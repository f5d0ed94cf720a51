using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Plenary.Infrastructure.Localization;

public static class LocalizationSetup
{
    /// <summary>Languages the interface is complete in. Arabic, Chinese, Russian and Spanish follow.</summary>
    public static readonly string[] UiCultures = ["en", "fr"];

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
                return Results.Problem(statusCode: 404, title: "Unknown language", detail: $"Choose one of: {string.Join(", ", UiCultures)}.");
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
