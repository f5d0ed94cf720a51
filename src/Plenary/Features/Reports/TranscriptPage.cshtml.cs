using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Kernel.Access;
using Plenary.Kernel.Validation;
using Plenary.Kernel.Audit;
using Plenary.Features.Sessions;
using Plenary.Features.Shared;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Reports;

/// <summary>
/// A session's transcript, pasted or uploaded by its writers: read into speaker turns, shown on the session page and kept
/// for search. A file that is not UTF-8, a shape Plenary cannot read or a text too long is refused at the field, and the
/// pasted text comes back as it was.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes)]
[SessionPolicy(Policies.WriteOutputs)]
public sealed class TranscriptPageModel(PlenaryDb db, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : SessionPageModel(db)
{
    public const long MaxUploadBytes = 8 * 1024 * 1024;

    [BindProperty] public string? Source { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public Transcript? Saved { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string forum, string key, string? done)
    {
        await LoadAsync();
        Source = Saved?.Source;
        Done = done == "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string forum, string key)
    {
        await LoadAsync();
        var cancel = HttpContext.RequestAborted;
        var text = Source;
        if (Upload is { Length: > 0 } file)
        {
            if (file.Length > Transcript.MaxSource * 4L)
            {
                return Refuse("transcript-file", L["The file is larger than any transcript Plenary keeps ({0} characters at most).", Transcript.MaxSource.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancel);
            text = TranscriptParser.Utf8(buffer.ToArray());
            if (text is null)
            {
                return Refuse("transcript-file", L["The file is not UTF-8 text (perhaps Windows-1252 or UTF-16). Save it as UTF-8 and upload it again, or paste its text."]);
            }
        }
        var (parsed, problem) = TranscriptParser.Parse(text, L);
        if (parsed is null)
        {
            // A file's text is shown in the box, so what was read is not lost either.
            Source = text;
            return Refuse(Upload is { Length: > 0 } ? "transcript-file" : "transcript", problem!);
        }
        var transcript = await Db.Transcripts.AsTracking().FirstOrDefaultAsync(t => t.SessionId == Session.Id, cancel);
        var source = text!.TrimStart('\uFEFF').ReplaceLineEndings("\n").Trim();
        if (transcript is null)
        {
            transcript = new Transcript { SessionId = Session.Id, Source = source, Turns = parsed.TurnsJson, SearchText = parsed.SearchText };
            Db.Transcripts.Add(transcript);
        }
        (transcript.Format, transcript.Source, transcript.Turns, transcript.SearchText) = (parsed.Format, source, parsed.TurnsJson, parsed.SearchText);
        (transcript.SavedAt, transcript.SavedBy) = (clock.GetUtcNow().UtcDateTime, User.AccountId());
        Db.Record(User, clock, Forum.Id, "report.transcript.save", Session.NumberedName, null, new { Format = parsed.Format.ToString(), Turns = parsed.Turns.Count });
        await Db.SaveChangesAsync(cancel);
        return Redirect(ReportLinks.Transcript(Forum.Slug, Session.Key) + "?done=saved");
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refuse(string field, string message)
    {
        this.ShowRefusal(Refusal.Of(field, message), Errors);
        return Page();
    }

    private async Task LoadAsync() =>
        Saved = await Db.Transcripts.FirstOrDefaultAsync(t => t.SessionId == Session.Id, HttpContext.RequestAborted);
}
