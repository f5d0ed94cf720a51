namespace Plenary.Features.Sdgs;

public static class SdgsSetup
{
    public static WebApplicationBuilder AddSdgs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => SdgCatalogue.Load());
        return builder;
    }
}
