using System.Runtime.InteropServices;
using SkiaSharp;

namespace Plenary.Infrastructure.Pdf;

/// <summary>
/// The typefaces of one PDF: a sans family for most text, and for each character it lacks (Arabic in a Latin font, Chinese)
/// the face fontconfig picks for that character (<see cref="SKFontManager.MatchCharacter(string, SKFontStyle, string[], int)"/>),
/// from whatever the system has installed (README lists Debian's packages per script). A character no installed font covers
/// is drawn with the main face (a box) and reported in <see cref="Missing"/>, so the document is still made and its text
/// still extracts.
/// </summary>
public sealed class PdfFonts(string language)
{
    private static readonly string[] Families = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "sans-serif"];
    private readonly SKFontManager _manager = SKFontManager.Default;
    private readonly Dictionary<(bool Bold, int Rune), SKTypeface> _byRune = [];
    private readonly Dictionary<bool, SKTypeface?> _main = [];
    private readonly List<SKTypeface> _faces = [];

    /// <summary>Characters no installed font has a glyph for.</summary>
    public SortedSet<int> Missing { get; } = [];

    /// <summary>The main sans face, or null when the system has no font with Latin letters at all.</summary>
    public SKTypeface? Main(bool bold)
    {
        if (!_main.TryGetValue(bold, out var face))
        {
            var style = bold ? SKFontStyle.Bold : SKFontStyle.Normal;
            face = Families.Select(f => _manager.MatchFamily(f, style)).FirstOrDefault(t => t is not null && t.ContainsGlyph('a'));
            _main[bold] = face is null ? null : Known(face);
        }
        return _main[bold];
    }

    /// <summary>The face that draws this character: the main one when it has the glyph, else the one fontconfig picks for it.</summary>
    public SKTypeface For(int rune, bool bold)
    {
        var main = Main(bold)!;
        if (rune < 0x250 || main.ContainsGlyph(rune))
        {
            return main;
        }
        if (!_byRune.TryGetValue((bold, rune), out var face))
        {
            var found = _manager.MatchCharacter(null, bold ? SKFontStyle.Bold : SKFontStyle.Normal, [language], rune);
            if (found is null || !found.ContainsGlyph(rune))
            {
                Missing.Add(rune);
                found = main;
            }
            face = _byRune[(bold, rune)] = Known(found);
        }
        return face;
    }

    /// <summary>One instance per installed face, so runs in the same face share it and the PDF embeds it once.</summary>
    private SKTypeface Known(SKTypeface face)
    {
        var same = _faces.FirstOrDefault(f => f.FamilyName == face.FamilyName && f.FontStyle.Weight == face.FontStyle.Weight && f.FontStyle.Slant == face.FontStyle.Slant);
        if (same is not null)
        {
            return same;
        }
        _faces.Add(face);
        return face;
    }

    /// <summary>
    /// A copy of the face holding only the glyphs used, with the glyph numbers unchanged (HarfBuzz's subsetter, in the native
    /// library HarfBuzzSharp ships). SkiaSharp's PDF writer embeds a font file whole: a Chinese face would add megabytes to
    /// every document. Null when the face cannot be subset (the PDF then embeds it whole).
    /// </summary>
    public static SKTypeface? Subset(SKTypeface face, IEnumerable<ushort> glyphs, IEnumerable<int> runes)
    {
        using var stream = face.OpenStream(out var index);
        if (stream is null)
        {
            return null;
        }
        var bytes = new byte[stream.Length];
        if (stream.Read(bytes, bytes.Length) != bytes.Length)
        {
            return null;
        }
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        IntPtr blob = 0, source = 0, input = 0, subset = 0, result = 0;
        try
        {
            blob = Native.hb_blob_create(handle.AddrOfPinnedObject(), (uint)bytes.Length, 1 /* read-only */, 0, 0);
            source = Native.hb_face_create(blob, (uint)index);
            input = Native.hb_subset_input_create_or_fail();
            if (input == 0)
            {
                return null;
            }
            var set = Native.hb_subset_input_glyph_set(input);
            Native.hb_set_add(set, 0);
            foreach (var glyph in glyphs)
            {
                Native.hb_set_add(set, glyph);
            }
            // The characters keep their cmap entries, from which the PDF's ToUnicode map is written; no layout closure
            // (the shaping is done), no hinting (a printed page needs none).
            var unicodes = Native.hb_subset_input_unicode_set(input);
            Native.hb_set_clear(unicodes);
            foreach (var rune in runes)
            {
                Native.hb_set_add(unicodes, (uint)rune);
            }
            Native.hb_subset_input_set_flags(input, RetainGids | NoHinting | NoLayoutClosure);
            subset = Native.hb_subset_or_fail(source, input);
            if (subset == 0)
            {
                return null;
            }
            result = Native.hb_face_reference_blob(subset);
            var data = Native.hb_blob_get_data(result, out var length);
            if (data == 0 || length == 0)
            {
                return null;
            }
            var copy = new byte[length];
            Marshal.Copy(data, copy, 0, (int)length);
            return SKTypeface.FromData(SKData.CreateCopy(copy));
        }
        finally
        {
            if (result != 0) Native.hb_blob_destroy(result);
            if (subset != 0) Native.hb_face_destroy(subset);
            if (input != 0) Native.hb_subset_input_destroy(input);
            if (source != 0) Native.hb_face_destroy(source);
            if (blob != 0) Native.hb_blob_destroy(blob);
            handle.Free();
        }
    }

    private const uint NoHinting = 0x1, RetainGids = 0x2, NoLayoutClosure = 0x200;

    /// <summary>hb-subset, which HarfBuzzSharp's native library exports but its managed API does not wrap.</summary>
    private static class Native
    {
        private const string Lib = "libHarfBuzzSharp";
        [DllImport(Lib)] public static extern IntPtr hb_blob_create(IntPtr data, uint length, int mode, IntPtr userData, IntPtr destroy);
        [DllImport(Lib)] public static extern void hb_blob_destroy(IntPtr blob);
        [DllImport(Lib)] public static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);
        [DllImport(Lib)] public static extern IntPtr hb_face_create(IntPtr blob, uint index);
        [DllImport(Lib)] public static extern void hb_face_destroy(IntPtr face);
        [DllImport(Lib)] public static extern IntPtr hb_face_reference_blob(IntPtr face);
        [DllImport(Lib)] public static extern IntPtr hb_subset_input_create_or_fail();
        [DllImport(Lib)] public static extern void hb_subset_input_destroy(IntPtr input);
        [DllImport(Lib)] public static extern IntPtr hb_subset_input_glyph_set(IntPtr input);
        [DllImport(Lib)] public static extern IntPtr hb_subset_input_unicode_set(IntPtr input);
        [DllImport(Lib)] public static extern void hb_subset_input_set_flags(IntPtr input, uint flags);
        [DllImport(Lib)] public static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
        [DllImport(Lib)] public static extern void hb_set_add(IntPtr set, uint codepoint);
        [DllImport(Lib)] public static extern void hb_set_clear(IntPtr set);
    }
}
