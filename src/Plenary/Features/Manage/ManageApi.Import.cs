using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Infrastructure.Operations;

namespace Plenary.Features.Manage;

/// <summary>One row of an import and what it does (or would do).</summary>
/// <param name="Name">The person's name, or the session's title.</param>
public sealed record ImportRowDto(int Row, string Key, string Name, Change Change);

/// <summary>A problem of an import: <c>Row</c> is the spreadsheet's row number (the header is row 1), 0 for the whole file.</summary>
public sealed record ImportProblemDto(string File, int Row, string? Column, string Message);

/// <summary>
/// What an import did, or, for a dry run, would do: every row with its change, the organisations it adds and, for a
/// dry run, every problem. <c>AuditEntry</c> is the log entry of a real import.
/// </summary>
public sealed record ImportReport(bool DryRun, bool Imported, bool CanImport, ImportSummary Summary, IReadOnlyList<ImportProblemDto> Problems,
    IReadOnlyList<ImportRowDto> People, IReadOnlyList<ImportRowDto> Sessions, long? AuditEntry);

public static partial class ManageApi
{
    /// <summary>Two files at the limit, with room for the multipart framing.</summary>
    private const long MaxImportBytes = 3 * CsvFiles.MaxBytes;

    private static void MapImport(RouteGroupBuilder forum)
    {
        forum.MapPost("/import", async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> (
            string forum, Granted granted, PlenaryDb db, SdgCatalogue sdgs, Sessions.SessionChange change, TimeProvider clock, IStringLocalizer<SharedResource> L,
            PlenaryMetrics metrics, HttpContext http, CancellationToken cancel, bool dryRun = false) =>
        {
            var found = granted.Forum;
            var plan = new ImportPlan();
            byte[]? people = null, sessions = null;
            if (http.Request.HasFormContentType)
            {
                IFormCollection form;
                try
                {
                    form = await http.Request.ReadFormAsync(cancel);
                }
                // A truncated multipart body ends the reader's stream early: an IOException, the sender's fault too.
                catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload cannot be read", detail: e.Message);
                }
                people = await CsvImport.ReadUploadAsync(form.Files.GetFile("people"), PeopleCsv.FileName, plan, L, cancel);
                sessions = await CsvImport.ReadUploadAsync(form.Files.GetFile("sessions"), SessionCsv.FileName, plan, L, cancel);
            }
            if (plan.Problems.Count == 0 && people is null && sessions is null)
            {
                return Invalid(new Dictionary<string, string> { ["people"] = L["Choose people.csv, sessions.csv or both."] },
                    "Send people.csv, sessions.csv or both as multipart/form-data files named people and sessions");
            }
            if (plan.Problems.Count == 0)
            {
                plan = await CsvImport.PlanAsync(db, found, sdgs, change, people, sessions, L, cancel);
            }
            var files = string.Join(", ", new[] { people is null ? null : PeopleCsv.FileName, sessions is null ? null : SessionCsv.FileName }.OfType<string>());
            if (dryRun)
            {
                return TypedResults.Ok(Report(plan, files, dryRun: true, auditEntry: null));
            }
            if (plan.Problems.Count > 0)
            {
                // Every problem, keyed by file, row and column, like the fields of a form; nothing is written.
                var errors = plan.Problems.GroupBy(ProblemKey).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
                return TypedResults.ValidationProblem(errors, title: "Nothing was imported: the files have problems");
            }
            if (!plan.CanImport)
            {
                // The files match what is on record: there is nothing to write.
                return TypedResults.Ok(Report(plan, files, dryRun: false, auditEntry: null));
            }
            long entry;
            try
            {
                entry = await CsvImport.ApplyAsync(db, http.User, clock, found, plan, files, cancel);
            }
            catch (DbUpdateException)
            {
                // Another import or a colleague's change got there first; the transaction is rolled back whole.
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing was imported",
                    detail: L["The forum changed while the files were being imported, so nothing was written. Upload the files again to see the changes as they now stand."]);
            }
            metrics.Imports.Add(1, new KeyValuePair<string, object?>("kind", "csv"));
            return TypedResults.Ok(Report(plan, files, dryRun: false, auditEntry: entry));
        }).WithTags("Import").WithName("ImportCsv")
            // The form is read by hand (after the Secretariat check, and so a wrong body gets a problem, not a bare 415); described here.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema> { ["people"] = file, ["sessions"] = file } },
                        },
                    },
                };
                return Task.CompletedTask;
            })
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxImportBytes })
            .WithSummary("Imports people.csv and/or sessions.csv (the export's format) as multipart files named people and sessions, all or nothing. "
                + "With dryRun=true, answers what it would do and every problem, and writes nothing (Secretariat).");
    }

    private static string ProblemKey(CsvProblem p) =>
        p.Row == 0 ? p.File : p.Column is null ? $"{p.File}[{p.Row}]" : $"{p.File}[{p.Row}].{p.Column}";

    private static ImportReport Report(ImportPlan plan, string files, bool dryRun, long? auditEntry) => new(dryRun, auditEntry is not null, plan.CanImport,
        CsvImport.Summarise(plan, files),
        plan.Problems.Select(p => new ImportProblemDto(p.File, p.Row, p.Column, p.Message)).ToList(),
        plan.People.Select(p => new ImportRowDto(p.Row, p.Key, p.Person.Name, p.Change)).ToList(),
        plan.Sessions.Select(s => new ImportRowDto(s.Row, s.Key, s.Title, s.Change)).ToList(),
        auditEntry);
}
