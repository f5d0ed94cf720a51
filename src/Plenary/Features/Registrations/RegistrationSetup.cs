namespace Plenary.Features.Registrations;

public static class RegistrationSetup
{
    public static WebApplicationBuilder AddRegistration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RegistrationChange>();
        builder.Services.AddScoped<JoinLinkChange>();
        // Made once, not per request like the other validators: every signed-in session and agenda page makes a
        // JoinLinkChange, and making this validator compiled its two rules' expressions each time, which with their
        // finalisers was most of a signed-in session page's CPU (docs/performance.md). It holds only the localizer,
        // which reads the request's culture when a message is written, and every message is written then.
        builder.Services.AddSingleton<FluentValidation.IValidator<JoinLinkForm>, JoinLinkFormValidator>();
        return builder;
    }
}
