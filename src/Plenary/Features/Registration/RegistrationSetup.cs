namespace Plenary.Features.Registration;

public static class RegistrationSetup
{
    public static WebApplicationBuilder AddRegistration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Registrations>();
        builder.Services.AddScoped<JoinAccess>();
        return builder;
    }
}
