using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Plenary.Features.Messages;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Messages;

/// <summary>
/// The outcome document's PDF in each of the six UN languages: messages written in that language, the document asked for
/// in that language, and the text poppler's pdftotext reads back from the PDF holds every message exactly as written —
/// Arabic in its logical order with its letters (not the contextual forms of the glyphs), Latin words and numbers inside
/// Arabic in their place, Chinese wrapped between ideographs without a character lost or added.
/// </summary>
public abstract partial class OutcomePdfScriptsTests(PlenaryApp app)
{
    /// <summary>A message per language: title, a paragraph long enough to wrap over several lines, a list; real sentences.</summary>
    public static readonly Dictionary<string, (string Title, string[] Paragraphs, string[] Items)> Messages = new()
    {
        ["en"] = ("Digital infrastructure must be accessible to all",
            ["Affordable connectivity is a precondition for meaningful participation in the digital economy, and community networks, shared towers and open spectrum policies bring it to the places markets have left behind.",
                "More than 120 countries took part in IGF 2025."],
            ["Governments should support community networks", "Operators should share infrastructure"]),
        ["es"] = ("La infraestructura digital debe ser accesible para todos",
            ["La conectividad asequible es una condición previa para una participación significativa en la economía digital, y las redes comunitarias, las torres compartidas y las políticas abiertas de espectro la llevan a los lugares que el mercado ha dejado atrás.",
                "Más de 120 países participaron en el IGF 2025."],
            ["Los gobiernos deben apoyar las redes comunitarias", "Los operadores deben compartir la infraestructura"]),
        ["fr"] = ("L’infrastructure numérique doit être accessible à tous",
            ["Une connectivité abordable est une condition préalable à une participation réelle à l’économie numérique ; les réseaux communautaires, le partage des pylônes et des politiques ouvertes du spectre la portent là où le marché ne va pas.",
                "Plus de 120 pays ont participé à l’IGF 2025."],
            ["Les gouvernements doivent soutenir les réseaux communautaires", "Les opérateurs doivent partager les infrastructures"]),
        ["ru"] = ("Цифровая инфраструктура должна быть доступна всем",
            ["Доступное по цене подключение — необходимое условие полноценного участия в цифровой экономике, а общественные сети, совместное использование вышек и открытая политика в области радиочастотного спектра приносят его туда, куда не пришёл рынок.",
                "В IGF 2025 приняли участие более 120 стран."],
            ["Правительствам следует поддерживать общественные сети", "Операторам следует совместно использовать инфраструктуру"]),
        // No lam-alef ligature and no vowel marks here: pdftotext cannot read those back in order (see the test below).
        ["ar"] = ("يجب أن تكون البنية التحتية الرقمية متاحة للجميع",
            ["الوصول الميسور إلى الشبكة شرط أساسي للمشاركة الفعالة في الحوكمة الرقمية، والشبكات المجتمعية والبنى المشتركة تحمل هذه الخدمة إلى المناطق الريفية والنائية في كل مكان من العالم.",
                "شارك أكثر من 120 بلدا في منتدى IGF 2025 في الرياض."],
            ["ينبغي للحكومات دعم الشبكات المجتمعية", "ينبغي للمشغلين تقاسم البنية التحتية"]),
        ["zh-Hans"] = ("数字基础设施应当惠及所有人",
            ["可负担的连接是有意义地参与数字经济的前提，社区网络、共享铁塔和开放的频谱政策能够把连接带到市场所忽视的地方，让每一个人都能从数字化转型中受益。",
                "超过120个国家参加了IGF 2025。"],
            ["各国政府应支持社区网络", "运营商应共享基础设施"]),
    };

    public static TheoryData<string> Languages() => [.. Messages.Keys];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_pdf_text_is_the_messages_as_written_in_each_un_language(string language)
    {
        var (title, paragraphs, items) = Messages[language];
        var f = await MessagesForum.MakeAsync(app);
        await PublishAsync(f, title, string.Join("\n\n", paragraphs) + "\n\n" + string.Join("\n", items.Select(i => "- " + i)));

        using var response = await app.GetAsync($"/{f.Slug}/messages.pdf?culture={language}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var (_, text) = await PdfText.ReadAsync(pdf);
        // The fonts are embedded as subsets of the glyphs used: whole, DejaVu Sans adds 380 KB and a Chinese face megabytes.
        pdf.Length.ShouldBeLessThan(150_000);

        // In a right-to-left line pdftotext puts the space between an Arabic word and a Latin word or a number, and the one
        // after an Arabic comma, on the wrong side of it (poppler's reading, not the PDF: the glyphs are where they belong),
        // so Arabic is compared without its spaces; every other language with them.
        Func<string, string> flat = language == "ar" ? t => WhiteSpace().Replace(t, "") : Flat;
        var read = flat(text);
        foreach (var expected in paragraphs.Prepend(title).Concat(items))
        {
            read.ShouldContain(flat(expected), customMessage: $"pdftotext read:\n{text}");
        }
        // Paragraphs and list items follow one another in the order written, each item with its bullet.
        read.ShouldContain(flat(paragraphs[^1] + " • " + items[0] + " • " + items[1]));
    }

    /// <summary>
    /// A lam-alef is one glyph for two letters, and a letter with a vowel mark two glyphs for one cluster: the PDF carries their
    /// letters in logical order as the glyphs' ActualText (PDF 32000 14.9.4), which readers that honour it (pdf.js, Acrobat)
    /// copy as written. Poppler's pdftotext (22.12) reverses such a cluster inside right-to-left text, so this is read from
    /// the content streams themselves.
    /// </summary>
    [Fact]
    public async Task An_arabic_ligature_and_a_vowel_mark_carry_their_letters_in_logical_order()
    {
        var f = await MessagesForum.MakeAsync(app);
        await PublishAsync(f, "الاتصال", "بلداً");
        var pdf = await app.Client.GetByteArrayAsync($"/{f.Slug}/messages.pdf");
        var content = string.Concat(Streams(pdf));
        content.ShouldContain("/ActualText <FEFF06440627>"); // lam, alef
        content.ShouldContain("/ActualText <FEFF0627064B>"); // alef, fathatan
    }

    /// <summary>The PDF's Flate-compressed streams, decompressed.</summary>
    private static IEnumerable<string> Streams(byte[] pdf)
    {
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        foreach (Match m in Stream().Matches(raw))
        {
            var bytes = System.Text.Encoding.Latin1.GetBytes(m.Groups[1].Value);
            string text;
            try
            {
                using var z = new System.IO.Compression.ZLibStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
                using var reader = new StreamReader(z, System.Text.Encoding.Latin1);
                text = reader.ReadToEnd();
            }
            catch (InvalidDataException)
            {
                continue; // a font file or an image, not a content stream
            }
            yield return text;
        }
    }

    [Fact]
    public async Task A_script_no_installed_font_covers_still_gives_the_pdf_with_its_text_and_logs_a_warning()
    {
        var f = await MessagesForum.MakeAsync(app);
        // Cuneiform: no font of the Debian packages the tests install covers it.
        await PublishAsync(f, "Clay tablets 𒀀𒀁 endure", "Records outlast their media.");
        var mark = app.Log.Count;

        using var response = await app.GetAsync($"/{f.Slug}/messages.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, text) = await PdfText.ReadAsync(await response.Content.ReadAsByteArrayAsync());
        Flat(text).ShouldContain("Clay tablets 𒀀𒀁 endure");
        Flat(text).ShouldContain("Records outlast their media.");
        app.Log.Since(mark).ShouldContain(e => e.Level == LogLevel.Warning && e.Category == typeof(OutcomePdf).FullName
            && e.Message.Contains(f.Slug) && e.Message.Contains("U+12000") && e.Message.Contains("U+12001"));
    }

    private async Task PublishAsync(MessagesForum f, string title, string body) =>
        await app.InDbAsync(async db =>
        {
            var forum = await db.Forums.Include(x => x.Subthemes).SingleAsync(x => x.Slug == f.Slug);
            db.ForumMessages.Add(new ForumMessage
            {
                ForumId = forum.Id, SubthemeId = forum.Subthemes.Single(s => s.Slug == "access").Id, Title = title, Position = 1, Version = 1, Body = body,
                PublishedAt = MessagesForum.Past, UpdatedAt = MessagesForum.Past, UpdatedBy = "test",
                Citations = [new MessageCitation { SessionId = f.Sessions["ws-1"] }],
            });
            db.OutcomeDocuments.Add(new OutcomeDocument { ForumId = forum.Id, PublishedAt = MessagesForum.Past });
            await db.SaveChangesAsync();
        });

    /// <summary>
    /// Whitespace and line breaks made single spaces, except between two Chinese characters or punctuation, where a line
    /// break is no space at all (Chinese is written without spaces, and a line may break between any two ideographs).
    /// </summary>
    private static string Flat(string text) => Ideographs().Replace(WhiteSpace().Replace(text, " ").Trim(), "$1");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"stream\r?\n(.*?)endstream", RegexOptions.Singleline)]
    private static partial Regex Stream();

    [GeneratedRegex(@"([\u3000-\u9FFF\uFF00-\uFFEF]) (?=[\u3000-\u9FFF\uFF00-\uFFEF])")]
    private static partial Regex Ideographs();
}

[Collection("sqlite")]
public sealed class OutcomePdfScriptsOnSqlite(SqliteApp app) : OutcomePdfScriptsTests(app);

[Collection("postgres")]
public sealed class OutcomePdfScriptsOnPostgres(PostgresApp app) : OutcomePdfScriptsTests(app);
