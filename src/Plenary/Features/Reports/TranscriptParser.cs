using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Plenary.Features.Reports;

/// <summary>
/// Reads a transcript in the three shapes captioners hand over: running text with ">> NAME:" at each change of speaker
/// (CART captions as the IGF publishes them), SubRip (.srt) and WebVTT (.vtt). Cues are joined into speaker turns: a cue
/// that names no one continues the turn before it. WebVTT's voice tags (&lt;v Name&gt;) name a speaker as ">>" does.
/// </summary>
public static partial class TranscriptParser
{
    public sealed record Parsed(TranscriptFormat Format, List<TranscriptTurn> Turns)
    {
        public string SearchText => string.Join("\n", Turns.Select(t => t.Speaker is null ? t.Text : $"{t.Speaker}: {t.Text}"));

        public string TurnsJson => JsonSerializer.Serialize(Turns, JsonSerializerOptions.Web);
    }

    public static List<TranscriptTurn> TurnsFromJson(string json) =>
        JsonSerializer.Deserialize<List<TranscriptTurn>>(json, JsonSerializerOptions.Web) ?? [];

    /// <summary>Bytes of an uploaded file as text, or null when they are not UTF-8 (a BOM is taken off).</summary>
    public static string? Utf8(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The transcript's turns, or why it cannot be read (in the reader's language).</summary>
    public static (Parsed? Parsed, string? Problem) Parse(string? source, IStringLocalizer L)
    {
        var text = source?.TrimStart('\uFEFF').ReplaceLineEndings("\n").Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, L["Paste the transcript or choose a file."]);
        }
        if (text.Length > Transcript.MaxSource)
        {
            return (null, L["The transcript has {0} characters: at most {1} are kept. Split it or shorten it.", text.Length.ToString("N0", CultureInfo.CurrentCulture), Transcript.MaxSource.ToString("N0", CultureInfo.CurrentCulture)]);
        }
        List<TranscriptTurn>? turns;
        TranscriptFormat format;
        var badCue = 0;
        if (text.StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            (format, turns) = (TranscriptFormat.WebVtt, Cues(text, vtt: true, out badCue));
        }
        else if (SrtStart().IsMatch(text))
        {
            (format, turns) = (TranscriptFormat.Srt, Cues(text, vtt: false, out badCue));
        }
        else if (text.Contains(">>", StringComparison.Ordinal))
        {
            (format, turns) = (TranscriptFormat.Captions, Captions(text));
        }
        else
        {
            return (null, L["This is not a transcript Plenary can read: use captions with “>> NAME:” at each change of speaker, SubRip (.srt) or WebVTT (.vtt)."]);
        }
        if (turns is null || turns.Count == 0)
        {
            return (null, format == TranscriptFormat.Captions
                ? L["No words were found after the “>>” marks."]
                : L["The timings of this {0} file cannot be read (cue {1}): each cue needs a line like “00:01:02,500 --> 00:01:05,000”.", format == TranscriptFormat.Srt ? "SubRip" : "WebVTT", badCue]);
        }
        return (new Parsed(format, turns), null);
    }

    private static List<TranscriptTurn> Captions(string text)
    {
        var turns = new List<TranscriptTurn>();
        var parts = text.Split(">>");
        if (Words(parts[0]) is { Length: > 0 } before)
        {
            turns.Add(new TranscriptTurn(null, before));
        }
        foreach (var part in parts.Skip(1))
        {
            var named = SpeakerName().Match(part);
            var (speaker, words) = named.Success ? (named.Groups[1].Value.Trim(), Words(part[named.Length..])) : (null, Words(part));
            if (words.Length > 0)
            {
                turns.Add(new TranscriptTurn(speaker, words));
            }
        }
        return turns;
    }

    /// <summary>SRT and WebVTT: blocks separated by blank lines, each with a timing line; null when a timing is broken.</summary>
    private static List<TranscriptTurn>? Cues(string text, bool vtt, out int badCue)
    {
        badCue = 0;
        var turns = new List<TranscriptTurn>();
        var blocks = BlankLines().Split(text);
        var cue = 0;
        foreach (var block in blocks.Skip(vtt ? 1 : 0))
        {
            var lines = block.Split('\n').ToList();
            if (vtt && (lines[0].StartsWith("NOTE", StringComparison.Ordinal) || lines[0].StartsWith("STYLE", StringComparison.Ordinal) || lines[0].StartsWith("REGION", StringComparison.Ordinal)))
            {
                continue;
            }
            cue++;
            var timing = lines.FindIndex(l => l.Contains("-->", StringComparison.Ordinal));
            Match m;
            if (timing < 0 || timing > 1 || !(m = Timing().Match(lines[timing])).Success)
            {
                badCue = cue;
                return null;
            }
            var start = Time(m.Groups[1].Value);
            var body = string.Join(" ", lines.Skip(timing + 1));
            string? speaker = null;
            if (VoiceTag().Match(body) is { Success: true } voice)
            {
                speaker = voice.Groups[1].Value.Trim();
            }
            body = Tags().Replace(body, "");
            if (body.TrimStart().StartsWith(">>", StringComparison.Ordinal))
            {
                body = body.TrimStart()[2..];
                var named = SpeakerName().Match(body);
                if (named.Success)
                {
                    (speaker, body) = (named.Groups[1].Value.Trim(), body[named.Length..]);
                }
                else
                {
                    speaker ??= "";
                }
            }
            var words = Words(body);
            if (words.Length == 0)
            {
                continue;
            }
            if (turns.Count > 0 && (speaker is null || speaker == turns[^1].Speaker))
            {
                turns[^1] = turns[^1] with { Text = turns[^1].Text + " " + words };
            }
            else
            {
                // ">>" with no name is a new, unnamed speaker.
                turns.Add(new TranscriptTurn(speaker is { Length: > 0 } ? speaker : null, words, start));
            }
        }
        return turns;
    }

    private static TimeSpan Time(string value)
    {
        var parts = value.Replace(',', '.').Split(':');
        var seconds = double.Parse(parts[^1], CultureInfo.InvariantCulture);
        var minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var hours = parts.Length == 3 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(hours, minutes, 0) + TimeSpan.FromSeconds(seconds);
    }

    private static string Words(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\A\d+\n\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->")]
    private static partial Regex SrtStart();

    [GeneratedRegex(@"^\s*((?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{3})\s*-->\s*((?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{3})")]
    private static partial Regex Timing();

    /// <summary>"NAME:" right after ">>": a name is short and has no sentence in it.</summary>
    [GeneratedRegex(@"\A\s*([^:\n.?!]{1,80}?):\s")]
    private static partial Regex SpeakerName();

    [GeneratedRegex(@"<v(?:\.[^ >]*)?\s+([^>]+)>")]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
