using System.Text;
using System.Text.Encodings.Web;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// The HTML encoder of every page: it escapes what HTML needs escaped (&lt; &gt; &amp; and both quotes) and the control
/// characters, and writes all other text as it is, in UTF-8. The framework's encoder, even allowed every Unicode range,
/// still writes as numeric entities the spaces other than U+0020 (the no-break spaces of Russian and French numbers,
/// "1&amp;#xA0;200"), the format characters of Arabic and Persian text (U+200C–U+200F, U+061C) and every character beyond
/// the Basic Multilingual Plane; and <see cref="System.Net.WebUtility.HtmlEncode(string)"/> writes Latin-1 letters as
/// decimal entities ("M&amp;#252;ller").
/// </summary>
public sealed class PageTextEncoder : HtmlEncoder
{
    public static readonly PageTextEncoder Instance = new();

    private PageTextEncoder() { }

    // "&quot;" is the longest replacement; a character beyond the BMP is written as its two UTF-16 units.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            // A lone surrogate goes to the base class, which writes U+FFFD for it.
            if (char.IsSurrogate(c) || WillEncode(c))
            {
                return i;
            }
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var replacement = unicodeScalar switch
        {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&#x27;",
            _ when WillEncode(unicodeScalar) => $"&#x{unicodeScalar:X};",
            _ => null,
        };
        if (replacement is null)
        {
            if (!Rune.TryCreate(unicodeScalar, out var rune) || rune.Utf16SequenceLength > bufferLength)
            {
                numberOfCharactersWritten = 0;
                return false;
            }
            numberOfCharactersWritten = rune.EncodeToUtf16(new Span<char>(buffer, bufferLength));
            return true;
        }
        if (replacement.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        replacement.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = replacement.Length;
        return true;
    }

    /// <summary>The markup's own characters and the control characters other than tab, line feed and carriage return.</summary>
    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is '<' or '>' or '&' or '"' or '\''
        || unicodeScalar < 0x20 && unicodeScalar is not ('\t' or '\n' or '\r')
        || unicodeScalar is >= 0x7F and <= 0x9F;
}
