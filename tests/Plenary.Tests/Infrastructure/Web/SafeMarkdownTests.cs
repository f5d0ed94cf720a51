using Plenary.Infrastructure.Web;

namespace Plenary.Tests.Infrastructure.Web;

public sealed class SafeMarkdownTests
{
    private static string Html(string markdown)
    {
        using var writer = new StringWriter();
        SafeMarkdown.ToHtml(markdown).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void Markdown_renders_emphasis_lists_and_links()
    {
        var html = Html("*Policy* questions:\n\n1. One\n2. Two\n\n[IGF](https://www.intgovforum.org)");

        html.ShouldContain("<em>Policy</em>");
        html.ShouldContain("<ol>");
        html.ShouldContain("href=\"https://www.intgovforum.org\"");
    }

    [Fact]
    public void test_each_block_takes_its_direction_from_its_own_text()
    {
        var html = Html("## الأسئلة السياسية\n\nكيف يمكن سد الفجوة الرقمية؟\n\n- Broadband for all\n- 普及宽带\n\nA closing line.");

        html.ShouldContain("<h2 dir=\"auto\">الأسئلة السياسية</h2>");
        html.ShouldContain("<p dir=\"auto\">كيف يمكن سد الفجوة الرقمية؟</p>");
        html.ShouldContain("<li dir=\"auto\">Broadband for all</li>");
        html.ShouldContain("<li dir=\"auto\">普及宽带</li>");
        html.ShouldContain("<p dir=\"auto\">A closing line.</p>");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Hello <b onmouseover=alert(1)>there</b>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Raw_html_in_markdown_is_shown_as_text_never_rendered(string markdown)
    {
        var html = Html(markdown);

        html.ShouldNotContain("<script");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("<b ");
        html.ShouldNotContain("<iframe");
        html.ShouldContain("&lt;");
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("![x](javascript:alert(1))")]
    public void Links_with_script_schemes_are_neutralised(string markdown)
    {
        var html = Html(markdown);

        html.ShouldNotContain("javascript:", Case.Insensitive);
        html.ShouldNotContain("data:", Case.Insensitive);
        html.ShouldNotContain("vbscript:", Case.Insensitive);
    }

    [Fact]
    public void Empty_markdown_renders_nothing()
    {
        Html("").ShouldBeEmpty();
        SafeMarkdown.ToPlainText(null).ShouldBeEmpty();
    }
}
