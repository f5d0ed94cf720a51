namespace Plenary.Features.Releases;

public static class ReleasesSetup
{
    public static void AddReleases(this WebApplicationBuilder builder) => builder.Services.AddScoped<ReleaseChange>();
}
