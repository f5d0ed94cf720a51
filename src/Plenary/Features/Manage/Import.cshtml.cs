using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Features.Sdgs;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Infrastructure.Operations;

namespace Plenary.Features.Manage;

/// <summary>
/// Bulk import of people and sessions from CSV: upload, a preview of every problem and every change, then one
/// transaction that writes all of it or nothing. Between preview and import the files travel in the form itself,
/// compressed and sealed with the data-protection key ring every instance shares, so any instance can finish an
/// import another one previewed, and nobody can slip in a file that was not previewed.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = (int)MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
[ForumPolicy(Policies.RunForum)]
public sealed class ImportModel(PlenaryDb db, TimeProvider clock, SdgCatalogue sdgs, Sessions.SessionChange change,
    IDataProtectionProvider protection, IStringLocalizer<SharedResource> L, PlenaryMetrics metrics) : ManagePageModel(db)
{
    /// <summary>Two files at the limit, or their sealed copy, with room to spare.</summary>
    private const long MaxRequestBytes = 3 * CsvFiles.MaxBytes;

    /// <summary>The preview lists this many rows of each file; the counts cover them all.</summary>
    public const int ShownRows = 500;
    public const int ShownProblems = 1_000;

    /// <summary>Rows named in the message when the forum changed between preview and import.</summary>
    private const int ShownChangedRows = 20;

    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    public ImportPlan? Plan { get; private set; }

    /// <summary>The previewed files, sealed; posted back to import them.</summary>
    public string? Upload { get; private set; }

    public ImportSummary? Done { get; private set; }

    /// <summary>The forum's timetable has a release: sessions an import adds wait for the next one to be public.</summary>
    public bool Released { get; private set; }
    /// <summary>People.csv rows the import would add who look like someone on record, by row (<see cref="PeopleCsv.LookalikesAsync"/>).</summary>
    public Dictionary<int, List<People.Lookalike>> Lookalikes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string forum, long? done)
    {
        if (done is { } entry)
        {
            Done = await CsvImport.SummaryAsync(Db, Forum, entry, HttpContext.RequestAborted);
            Released = await Db.TimetableReleases.AnyAsync(r => r.ForumId == Forum.Id, HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(string forum, string? file)
    {
        return file switch
        {
            "people" => File(PeopleCsv.Template(), "text/csv; charset=utf-8", PeopleCsv.FileName),
            "sessions" => File(SessionCsv.Template(Forum), "text/csv; charset=utf-8", SessionCsv.FileName),
            _ => NotFound(),
        };
    }

    public async Task<IActionResult> OnPostPreviewAsync(string forum, IFormFile? people, IFormFile? sessions)
    {
        var tooLarge = new ImportPlan();
        var peopleBytes = await CsvImport.ReadUploadAsync(people, PeopleCsv.FileName, tooLarge, L, HttpContext.RequestAborted);
        var sessionBytes = await CsvImport.ReadUploadAsync(sessions, SessionCsv.FileName, tooLarge, L, HttpContext.RequestAborted);
        if (tooLarge.Problems.Count == 0 && peopleBytes is null && sessionBytes is null)
        {
            this.ShowRefusal(Refusal.Of("people", L["Choose people.csv, sessions.csv or both."]), Errors);
            return Page();
        }
        Plan = tooLarge.Problems.Count > 0 ? tooLarge : await CsvImport.PlanAsync(Db, Forum, sdgs, change, peopleBytes, sessionBytes, L, HttpContext.RequestAborted);
        if (Plan.Problems.Count > 0)
        {
            // The plan lists each problem at its file, line and column.
            this.ShowRefusalInPlace();
            return Page();
        }
        Upload = Seal(peopleBytes, sessionBytes, Plan);
        Lookalikes = await PeopleCsv.LookalikesAsync(Db, Plan, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string forum, string? upload)
    {
        if (Unseal(upload) is not { } files)
        {
            this.ShowRefusal(Refusal.Of("", L["This preview has expired or is not valid. Upload the files again."]), Errors);
            return Page();
        }
        var cancel = HttpContext.RequestAborted;
        // Checked again: the forum may have changed since the preview (a room taken, a session added).
        Plan = await CsvImport.PlanAsync(Db, Forum, sdgs, change, files.People, files.Sessions, L, cancel);
        if (!Plan.CanImport)
        {
            if (Plan.Problems.Count > 0)
            {
                this.ShowRefusalInPlace();
            }
            return Page();
        }
        if (CsvImport.ChangedSince(files.Previewed, Plan) is { Count: > 0 } changed)
        {
            // A row would now do something else than the preview said (a number taken meanwhile turns an addition into an
            // update of a colleague's session): nothing is written, and the preview is shown again as it now stands.
            var rows = string.Join("; ", changed.Take(ShownChangedRows).Select(r => L["{0}, row {1}", r.File, r.Row].Value));
            this.ShowRefusal(Refusal.Of("", L["The forum has changed since the preview, so nothing was imported ({0}). The preview below shows what the files would do now: check it, then import.", rows])
                .WithStatus(StatusCodes.Status409Conflict), Errors);
            Upload = Seal(files.People, files.Sessions, Plan);
            Lookalikes = await PeopleCsv.LookalikesAsync(Db, Plan, cancel);
            return Page();
        }
        // After the comparison with the preview: linking a row to someone on record is the choice the preview offered, not a change.
        await PeopleCsv.LinkChosenAsync(Db, Plan, Request.Form, User, clock, Forum.Id, cancel);
        var names = string.Join(", ", new[] { files.People is null ? null : PeopleCsv.FileName, files.Sessions is null ? null : SessionCsv.FileName }.OfType<string>());
        long entry;
        try
        {
            entry = await CsvImport.ApplyAsync(Db, User, clock, Forum, Plan, names, cancel);
        }
        catch (DbUpdateException)
        {
            // Another import or a colleague's change got there first (a session number, an organisation name): the
            // transaction is rolled back whole.
            this.ShowRefusal(Refusal.Of("", L["The forum changed while the files were being imported, so nothing was written. Upload the files again to see the changes as they now stand."])
                .WithStatus(StatusCodes.Status409Conflict), Errors);
            Plan = null;
            return Page();
        }
        metrics.Imports.Add(1, new KeyValuePair<string, object?>("kind", "csv"));
        return Redirect(ManageLinks.Import(Forum.Slug) + $"?done={entry}");
    }

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("Plenary.Manage.Import", Forum.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            User.AccountId()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").ToTimeLimitedDataProtector();

    /// <summary>Sealed for this forum and this account only, for an hour, with what each row of the preview does.</summary>
    private string Seal(byte[]? people, byte[]? sessions, ImportPlan plan)
    {
        using var packed = new MemoryStream();
        using (var zip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip))
        {
            foreach (var file in new[] { people, sessions })
            {
                writer.Write(file?.Length ?? -1);
                writer.Write(file ?? []);
            }
            var digests = CsvImport.RowDigests(plan);
            writer.Write(digests.Count);
            foreach (var ((file, row), digest) in digests)
            {
                writer.Write(file == PeopleCsv.FileName);
                writer.Write(row);
                writer.Write(digest);
            }
        }
        return WebEncoders.Base64UrlEncode(Protector.Protect(packed.ToArray(), PreviewLifetime));
    }

    private (byte[]? People, byte[]? Sessions, Dictionary<(string File, int Row), int> Previewed)? Unseal(string? upload)
    {
        if (string.IsNullOrEmpty(upload))
        {
            return null;
        }
        try
        {
            var packed = Protector.Unprotect(WebEncoders.Base64UrlDecode(upload), out _);
            using var zip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
            using var reader = new BinaryReader(zip);
            byte[]? Next()
            {
                var length = reader.ReadInt32();
                return length < 0 ? null : reader.ReadBytes(length);
            }
            var (people, sessions) = (Next(), Next());
            var previewed = new Dictionary<(string File, int Row), int>();
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                var file = reader.ReadBoolean() ? PeopleCsv.FileName : SessionCsv.FileName;
                previewed[(file, reader.ReadInt32())] = reader.ReadInt32();
            }
            return (people, sessions, previewed);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }
}
