namespace Plenary.Features.Sdgs;

public static class SdgsSetup
{
    public static WebApplicationBuilder AddSdgs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => SdgCatalogue.Load());
        // Parsed once: the 17 query files compile into one tree of shared terms.
        builder.Services.AddSingleton(_ => SdgQuerySet.Load());
        builder.Services.AddSingleton<SdgSuggester>();
        return builder;
    }
}
