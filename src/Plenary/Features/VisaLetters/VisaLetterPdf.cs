using System.Globalization;
using Microsoft.Extensions.Localization;
using Plenary.Features.Forums;
using Plenary.Features.People;
using Plenary.Infrastructure.Pdf;
using SkiaSharp;

namespace Plenary.Features.VisaLetters;

/// <summary>
/// The invitation letter as a PDF: on the forum's letterhead, addressed to the consulate, naming the applicant as in the
/// passport, signed with the name and title the forum sets, and carrying its reference and verification address. English
/// first, as consulates everywhere read it; then the same letter in the registrant's language on a page of its own when
/// that is not English (each paragraph takes its own direction, so an Arabic part reads right to left).
/// </summary>
public static class VisaLetterPdf
{
    private const float Body = 11;

    public static byte[]? Write(Forum forum, VisaLetterSettings settings, VisaRequest request, PassportDetails passport, string verifyUrl, IStringLocalizer l)
    {
        var second = CultureInfo.GetCultureInfo(request.Language);
        var languages = second.TwoLetterISOLanguageName == "en" ? new[] { CultureInfo.GetCultureInfo("en") } : [CultureInfo.GetCultureInfo("en"), second];
        var fonts = new PdfFonts(second.Name);
        if (fonts.Main(false) is null || fonts.Main(true) is null)
        {
            return null;
        }
        using var pages = new PdfPages(fonts, false);
        string title = "";
        foreach (var culture in languages)
        {
            var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            try
            {
                pages.PageBreak();
                Part(pages, forum, settings, request, passport, verifyUrl, l, culture);
                if (title.Length == 0)
                {
                    title = l["Invitation letter: {0}", forum.Name];
                }
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
            }
        }
        return pages.Render(new SKDocumentPdfMetadata { Title = title, Author = settings.SignatoryName ?? forum.Name, Creator = "Plenary" });
    }

    private static void Part(PdfPages pages, Forum forum, VisaLetterSettings settings, VisaRequest request, PassportDetails passport, string verifyUrl,
        IStringLocalizer l, CultureInfo culture)
    {
        var first = true;
        foreach (var line in settings.LetterheadLines.DefaultIfEmpty(forum.Name))
        {
            pages.Text(line, first ? 13 : 9.5f, first, after: 1);
            first = false;
        }
        string Day(DateOnly d) => d.ToString("d MMMM yyyy", culture);
        string Country(string code) => Countries.Name(code, culture) ?? code;
        var issued = DateOnly.FromDateTime(request.DecidedAt ?? DateTime.UtcNow);
        pages.Text(l["{0}, {1}", forum.HostCity, Day(issued)], Body, false, before: 18);
        pages.Text(l["Reference: {0}", request.LetterCode ?? ""], Body, false);
        var host = forum.CountryCode is { } hostCode ? Country(hostCode) : forum.HostCity;
        pages.Text(l["To the Embassy or Consulate of {0} in {1}, {2}", host, request.ConsulateCity, Country(request.ConsulateCountry)], Body, true, before: 10);
        pages.Text(l["Invitation to {0}", forum.Name], 13, true, before: 14, after: 8);
        pages.Text(l["We are pleased to invite {0}, born on {1}, a national of {2}, holder of passport number {3}, to take part in person in {4}, held at {5}, {6}, from {7} to {8}.",
            passport.Name, Day(passport.BirthDate), Country(request.Nationality), passport.Number, forum.Name, forum.Venue, forum.HostCity, Day(forum.FirstDay), Day(forum.LastDay)], Body, false, after: 8);
        pages.Text(l["{0} is registered to attend. This letter is issued to support the visa application; it does not commit the organisers to any cost of travel, accommodation or stay.", passport.Name], Body, false, after: 8);
        pages.Text(l["We would be grateful for any help you can give to the visa application."], Body, false, after: 24);
        pages.Text(settings.SignatoryName ?? forum.Name, Body, true, after: 0);
        if (settings.SignatoryTitle is { Length: > 0 } signatoryTitle)
        {
            pages.Text(signatoryTitle, Body, false);
        }
        pages.Text(l["To check that this letter is genuine, open {0}", verifyUrl], 9, false, before: 24, link: verifyUrl);
    }
}
