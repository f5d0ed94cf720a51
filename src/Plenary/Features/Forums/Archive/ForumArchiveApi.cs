using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Plenary.Features.Accounts;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Forums.Archive;

/// <summary>What an import made, as the API answers it; <c>PeopleOnRecord</c> of the document's <c>People</c> were already on record and were not added again.</summary>
public sealed record ForumImportSummary(string Slug, string Name, int SessionTypes, int Subthemes, int Rooms, int Sessions, int People, int PeopleOnRecord, int Organisations, string Url)
{
    public static ForumImportSummary From(ForumImport.Imported i) =>
        new(i.Forum.Slug, i.Forum.Name, i.SessionTypes, i.Subthemes, i.Rooms, i.Sessions, i.People, i.PeopleOnRecord, i.Organisations, ForumLinks.Home(i.Forum.Slug));
}

/// <summary>
/// The forum document over the API, by personal API token like the rest of the write API: its Secretariat exports it;
/// site administrators import one, since importing creates a forum and only they create forums.
/// </summary>
public static class ForumArchiveApi
{
    /// <summary>A large edition with its transcripts; an archive beyond this goes in by the command, which has no limit.</summary>
    public const long MaxImportBytes = 200L * 1024 * 1024;

    public static IEndpointRouteBuilder MapForumArchive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/forums/{forum}/archive.json", async (string forum, Granted granted, Infrastructure.Data.PlenaryDb db, CancellationToken cancel) =>
            TypedResults.File(await ForumExport.BytesAsync(db, granted.Forum, cancel), ForumDocumentJson.MediaType, ForumExport.FileName(granted.Forum.Slug)))
            .RequireAuthorization(AccountsSetup.ApiPolicy)
            .RequireForum(Policies.RunForum, "Only the forum's Secretariat and site administrators can do this.")
            .WithTags("Forums").WithName("ExportForum")
            .WithSummary("The forum's whole record as one JSON document (format plenary-forum, version 3, with the sessions' translations), as README describes it (Secretariat).");

        app.MapPost("/api/forums/import", async Task<Results<Created<ForumImportSummary>, ValidationProblem>> (
            HttpContext http, IServiceProvider services, EndpointDataSource endpoints, Search.SearchPendingList index, CancellationToken cancel) =>
        {
            var import = ActivatorUtilities.CreateInstance<ForumImport>(services);
            var result = await import.ImportAsync(http.Request.Body, http.User, Slugs.Reserved(endpoints), cancel);
            if (result.Value is not { } imported)
            {
                return result.Reasons.ToProblem("The forum cannot be imported as sent; nothing was written");
            }
            index.MergeWhole();
            return TypedResults.Created(ForumLinks.Api(imported.Forum.Slug), ForumImportSummary.From(imported));
        }).RequireAuthorization(AccountsSetup.ApiPolicy).RequireSite(Policies.Administer, "Only site administrators can create forums.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .Accepts<ForumDocument>(ForumDocumentJson.MediaType)
            .WithTags("Forums").WithName("ImportForum")
            .WithSummary("Creates a forum from a forum document (format plenary-forum, versions 1 to 3), whole or not at all; the importing account becomes its Secretariat (site administrators).");

        return app;
    }
}
