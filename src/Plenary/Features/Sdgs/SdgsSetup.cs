using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Plenary.Features.Sdgs;

public static class SdgsSetup
{
    public const string SuggestionLimit = "sdg-suggestions";

    /// <summary>
    /// Suggestions are open to anyone and cost real CPU (up to 50,000 characters each), so one address gets 60 a minute:
    /// plenty for a form or a script going through an archive, not enough to keep the cores busy for everyone else.
    /// </summary>
    public const int SuggestionsPerMinutePerAddress = 60;

    public static WebApplicationBuilder AddSdgs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => SdgCatalogue.Load());
        // Parsed once: the 17 query files compile into one tree of shared terms.
        builder.Services.AddSingleton(_ => SdgQuerySet.Load());
        builder.Services.AddSingleton<SdgSuggester>();
        builder.Services.AddScoped<SessionSdgSuggestions>();
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(SuggestionLimit, context =>
            RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = SuggestionsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1) })));
        return builder;
    }
}
