using Microsoft.AspNetCore.OutputCaching;

namespace Plenary.Kernel.Caching;

/// <summary>
/// Marks a page or endpoint that shows figures counted from registrations and check-ins (the statistics, the outcome
/// document's figures). Its cached copies carry <see cref="Tag"/> besides the public tag, so a write of registrations or
/// check-ins alone evicts them and keeps every other page (<see cref="PublicCache"/>). A page that counts registrations
/// without the mark would show the old count until its copy expires.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ShowsRegistrationFiguresAttribute : Attribute
{
    public const string Tag = "registration-figures";
}

/// <summary>The output cache's side of <see cref="ShowsRegistrationFiguresAttribute"/>: one base policy, read from the endpoint.</summary>
public sealed class RegistrationFiguresPolicy : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancel)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ShowsRegistrationFiguresAttribute>() is not null)
        {
            context.Tags.Add(ShowsRegistrationFiguresAttribute.Tag);
        }
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancel) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancel) => ValueTask.CompletedTask;
}
