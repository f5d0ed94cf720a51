using Plenary.Kernel.Access;

namespace Plenary.Features.Messages;

/// <summary>
/// The messages' services. Who writes the forum's messages is the policy <see cref="Policies.EditMessages"/>: its
/// Secretariat, the message editors the Secretariat names on the team page (forum role <see cref="ForumRole.MessageEditor"/>),
/// and site administrators. Publishing the outcome document stays with the Secretariat (<see cref="Policies.RunForum"/>).
/// </summary>
public static class MessageAccess
{
    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MessageChange>();
        builder.Services.AddScoped<MessageTranslationChange>();
        builder.Services.AddScoped<OutcomeQueries>();
        return builder;
    }
}
