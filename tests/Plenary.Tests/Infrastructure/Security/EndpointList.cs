using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Security;

/// <summary>Every endpoint the running app maps, as "METHOD /pattern", static files aside.</summary>
public static class EndpointList
{
    public static IReadOnlyList<string> Of(PlenaryApp app)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var list = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            {
                continue;
            }
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is null)
            {
                // The error page, re-executed with whatever method failed.
                list.Add($"ANY {pattern}");
            }
            else if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
            {
                // A page answers GET, and POST when it has a POST handler.
                list.AddRange(page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Distinct().Select(m => $"{m} {pattern}"));
            }
            else if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods)
            {
                list.AddRange(methods.HttpMethods.Select(m => $"{m} {pattern}"));
            }
            else
            {
                list.Add($"ANY {pattern}");
            }
        }
        return list.Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
