namespace Plenary.Features.Registrations;

public static class RegistrationSetup
{
    public static WebApplicationBuilder AddRegistration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RegistrationChange>();
        builder.Services.AddScoped<JoinLinkChange>();
        return builder;
    }
}
