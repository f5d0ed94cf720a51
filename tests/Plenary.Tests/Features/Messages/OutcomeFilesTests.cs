using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Messages;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Messages;

/// <summary>
/// The outcome document's files are real: the DOCX passes the Open XML validator and LibreOffice opens it and converts it
/// to PDF with every message and citation in it; the PDF made by Skia parses, with its pages and its text as poppler's
/// pdftotext reads it, in each of the six UN languages.
/// </summary>
public abstract partial class OutcomeFilesTests(PlenaryApp app)
{
    /// <summary>A forum with two published messages in two subthemes, one with a list and a link, and its document published.</summary>
    private async Task<(MessagesForum Forum, string[] Texts)> PublishedAsync()
    {
        var f = await MessagesForum.MakeAsync(app);
        await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.Include(x => x.Subthemes).SingleAsync(x => x.Slug == f.Slug);
            db.ForumMessages.AddRange(
                new ForumMessage
                {
                    ForumId = forum.Id, SubthemeId = forum.Subthemes.Single(s => s.Slug == "access").Id, Title = "Connect the last mile together", Position = 1, Version = 1,
                    Body = "Community networks and *spectrum sharing* complement each other.\n\n- Governments license spectrum\n- Operators share towers\n\nSee [the report](https://example.org/report).",
                    PublishedAt = MessagesForum.Past, UpdatedAt = MessagesForum.Past, UpdatedBy = "test",
                    Citations = [new MessageCitation { SessionId = f.Sessions["ws-1"] }, new MessageCitation { SessionId = f.Sessions["of-2"] }],
                },
                new ForumMessage
                {
                    ForumId = forum.Id, SubthemeId = forum.Subthemes.Single(s => s.Slug == "trust").Id, Title = "Trust is built in the open", Position = 1, Version = 1,
                    Body = "Transparency reports matter.", PublishedAt = MessagesForum.Past, UpdatedAt = MessagesForum.Past, UpdatedBy = "test",
                    Citations = [new MessageCitation { SessionId = f.Sessions["ws-5"] }],
                },
                new ForumMessage
                {
                    ForumId = forum.Id, SubthemeId = forum.Subthemes.Single(s => s.Slug == "trust").Id, Title = "An unpublished draft", Position = 2, Version = 1,
                    Body = "Not for the document.", UpdatedAt = MessagesForum.Past, UpdatedBy = "test", Citations = [new MessageCitation { SessionId = f.Sessions["ws-5"] }],
                });
            db.OutcomeDocuments.Add(new OutcomeDocument { ForumId = forum.Id, PublishedAt = MessagesForum.Past });
            await db.SaveChangesAsync();
        });
        return (f, ["Connect the last mile together", "Trust is built in the open", "Community networks and spectrum sharing complement each other.",
            "Governments license spectrum", "Transparency reports matter.", "WS #1 Community networks", "Open Forum #2 Spectrum policy", "WS #5 Trust online",
            "Universal access", "Trust and security", "Sessions held"]);
    }

    [Fact]
    public async Task The_docx_is_valid_open_xml_and_libreoffice_converts_it_with_every_message_and_citation()
    {
        var (f, texts) = await PublishedAsync();
        using var response = await app.GetAsync($"/{f.Slug}/messages.docx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(OutcomeFiles.DocxType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"{f.Slug}-messages.docx");
        var docx = await response.Content.ReadAsByteArrayAsync();

        using (var file = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var errors = new OpenXmlValidator().Validate(file).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            errors.ShouldBeEmpty();
            file.MainDocumentPart!.HyperlinkRelationships.Select(h => h.Uri.AbsolutePath).ShouldContain($"/{f.Slug}/sessions/ws-1");
        }

        var folder = Directory.CreateTempSubdirectory("plenary-outcome-");
        try
        {
            var path = Path.Combine(folder.FullName, "outcome.docx");
            await File.WriteAllBytesAsync(path, docx);
            await LibreOffice.ConvertAsync(path, "pdf", folder.FullName);
            var pdf = await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "outcome.pdf"));
            Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
            var (pages, text) = await PdfText.ReadAsync(pdf);
            pages.ShouldBeGreaterThan(0);
            var flat = Flat(text);
            foreach (var expected in texts)
            {
                flat.ShouldContain(Flat(expected));
            }
            flat.ShouldNotContain("An unpublished draft");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_pdf_parses_with_its_pages_and_holds_every_message_and_citation()
    {
        var (f, texts) = await PublishedAsync();
        using var response = await app.GetAsync($"/{f.Slug}/messages.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");

        var (pages, text) = await PdfText.ReadAsync(pdf);
        pages.ShouldBeGreaterThan(0);
        var flat = Flat(text);
        foreach (var expected in texts)
        {
            flat.ShouldContain(Flat(expected));
        }
        flat.ShouldNotContain("An unpublished draft");
    }

    [Fact]
    public async Task A_long_outcome_document_runs_over_several_pdf_pages()
    {
        var (f, _) = await PublishedAsync();
        await app.InDbAsync(async db =>
        {
            var message = await db.ForumMessages.AsTracking().SingleAsync(m => m.Title == "Trust is built in the open" && db.Forums.Any(x => x.Id == m.ForumId && x.Slug == f.Slug));
            message.Body = string.Join("\n\n", Enumerable.Range(1, 120).Select(i => $"Paragraph {i} on trust, transparency and accountability in digital governance."));
            await db.SaveChangesAsync();
        });
        var (pages, text) = await PdfText.ReadAsync(await app.Client.GetByteArrayAsync($"/{f.Slug}/messages.pdf"));
        pages.ShouldBeGreaterThan(2);
        Flat(text).ShouldContain("Paragraph 120 on trust");
    }

    private static string Flat(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

[Collection("sqlite")]
public sealed class OutcomeFilesOnSqlite(SqliteApp app) : OutcomeFilesTests(app);

[Collection("postgres")]
public sealed class OutcomeFilesOnPostgres(PostgresApp app) : OutcomeFilesTests(app);

/// <summary>LibreOffice headless, with a profile of its own per run so parallel conversions do not share one.</summary>
internal static class LibreOffice
{
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public static async Task ConvertAsync(string file, string format, string outdir)
    {
        var soffice = OnPath("soffice") ?? throw new InvalidOperationException("LibreOffice (soffice) is not on the PATH; scripts/test.sh installs libreoffice-writer-nogui.");
        var profile = Directory.CreateTempSubdirectory("plenary-lo-profile-");
        try
        {
            var output = await RunAsync(soffice, $"-env:UserInstallation={new Uri(profile.FullName).AbsoluteUri}", "--headless", "--convert-to", format, "--outdir", outdir, file);
            var expected = Path.Combine(outdir, Path.GetFileNameWithoutExtension(file) + "." + format.Split(':')[0]);
            File.Exists(expected).ShouldBeTrue($"LibreOffice did not convert {file} to {format}: {output}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A guard against a hung converter, not a measurement.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(patience.Token);
        process.ExitCode.ShouldBe(0, await error);
        return await output;
    }
}

/// <summary>
/// The text of a PDF as a reader extracts it: poppler's pdftotext (Debian's poppler-utils, which scripts/test.sh installs),
/// in its default reading order, and the page count from pdfinfo. For a right-to-left line pdftotext writes the characters
/// in logical order, wrapped in the bidi controls RLE…PDF (and LRE…PDF around Latin inside it), which <see cref="Clean"/> drops.
/// </summary>
internal static partial class PdfText
{
    public static async Task<(int Pages, string Text)> ReadAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("plenary-pdf-");
        try
        {
            var path = Path.Combine(folder.FullName, "outcome.pdf");
            await File.WriteAllBytesAsync(path, pdf);
            var tool = LibreOffice.OnPath("pdftotext") ?? throw new InvalidOperationException("pdftotext is not on the PATH; scripts/test.sh installs poppler-utils.");
            var text = await LibreOffice.RunAsync(tool, "-enc", "UTF-8", path, "-");
            var info = await LibreOffice.RunAsync(Path.Combine(Path.GetDirectoryName(tool)!, "pdfinfo"), path);
            var pages = int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
            return (pages, Clean(text));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Without the directional marks and embeddings poppler adds around right-to-left text.</summary>
    public static string Clean(string text) => BidiControls().Replace(text, "");

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex("[\u200E\u200F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex BidiControls();
}
