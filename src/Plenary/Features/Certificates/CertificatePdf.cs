using System.Globalization;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Pdf;
using Plenary.Infrastructure.Web;
using QRCoder;
using SkiaSharp;

namespace Plenary.Features.Certificates;

/// <summary>
/// The certificate of attendance as a PDF, A4, in the reader's language (the request's culture), laid out by
/// <see cref="PdfPages"/> as the outcome document is (shaped text, Arabic right to left, the text searchable): the forum, its
/// dates and place, the person, the sessions attended and spoken at, and the verification link, also as a QR code drawn as
/// vectors so that it scans when printed at any size.
/// </summary>
public static class CertificatePdf
{
    private const float Body = 11;

    /// <summary>Null when the machine has no font at all with Latin letters.</summary>
    public static byte[]? Write(Forum forum, Certificate certificate, IReadOnlyList<AttendedSession> sessions, string verifyUrl, IStringLocalizer l)
    {
        var culture = CultureInfo.CurrentUICulture;
        var fonts = new PdfFonts(culture.Name);
        if (fonts.Main(false) is null || fonts.Main(true) is null)
        {
            return null;
        }
        var clock = ForumClock.For(forum.TimeZoneId);
        using var pages = new PdfPages(fonts, culture.TextInfo.IsRightToLeft);
        pages.Text(l["Certificate of attendance"], 24, true, before: 30, after: 18);
        pages.Text(l["This is to certify that"], Body + 1, false, after: 6);
        pages.Text(certificate.Name, 20, true, after: 10);
        pages.Text(l["took part in {0}, held in {1} from {2} to {3}.", forum.Name, forum.HostCity,
            ForumClock.LongDay(forum.FirstDay, CultureInfo.CurrentCulture), ForumClock.LongDay(forum.LastDay, CultureInfo.CurrentCulture)], Body + 1, false, after: 4);
        pages.Text(forum.Theme, Body, false, after: 12);
        var attended = sessions.Where(s => s.Attended).ToList();
        var spoke = sessions.Where(s => s.Spoke).ToList();
        if (spoke.Count > 0)
        {
            pages.Text(l["Spoke at"], 13, true, before: 6, keep: 2);
            foreach (var s in spoke)
            {
                pages.Text(Line(s, clock), Body, false, after: 1, indent: 14);
            }
        }
        if (attended.Count > 0)
        {
            pages.Text(l["Sessions attended"], 13, true, before: 6, keep: 2);
            foreach (var s in attended)
            {
                pages.Text(Line(s, clock), Body, false, after: 1, indent: 14);
            }
        }
        pages.Text(l["Issued on {0}.", ForumClock.LongDay(DateOnly.FromDateTime(certificate.IssuedAt), CultureInfo.CurrentCulture)], Body, false, before: 16);
        pages.Text(l["Check that this certificate is genuine at:"], Body, false, before: 8, after: 2, keep: 1);
        pages.Text(verifyUrl, Body - 1, false, after: 6, link: verifyUrl);
        pages.Drawing(96, 96, (canvas, area) => DrawQr(canvas, area, verifyUrl), after: 4);
        pages.Text(l["Certificate code {0}", certificate.Code], Body - 1, false);
        return pages.Render(new SKDocumentPdfMetadata { Title = l["Certificate of attendance"].Value, Author = forum.Name, Creator = "Plenary" });
    }

    private static string Line(AttendedSession s, ForumClock clock) =>
        $"{ForumClock.LongDay(clock.Day(s.StartsAt), CultureInfo.CurrentCulture)}, {clock.Time(s.StartsAt)} · {s.Label}: {s.Title}";

    /// <summary>The QR code's dark modules as filled squares, with the quiet zone QRCoder includes left white.</summary>
    private static void DrawQr(SKCanvas canvas, SKRect area, string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var cell = Math.Min(area.Width, area.Height) / size;
        using var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
        using var black = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawRect(new SKRect(area.Left, area.Top, area.Left + cell * size, area.Top + cell * size), white);
        using var path = new SKPath();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x])
                {
                    path.AddRect(SKRect.Create(area.Left + x * cell, area.Top + y * cell, cell, cell));
                }
            }
        }
        canvas.DrawPath(path, black);
    }
}
