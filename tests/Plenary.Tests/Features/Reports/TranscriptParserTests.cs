using System.Text;
using Microsoft.Extensions.Localization;
using Plenary.Features.Reports;

namespace Plenary.Tests.Features.Reports;

/// <summary>The three shapes of transcript are read into speaker turns; anything else is refused with a reason.</summary>
public sealed class TranscriptParserTests
{
    /// <summary>Returns each message as written, with its arguments, as the English interface does.</summary>
    private sealed class Words : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments));
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static TranscriptParser.Parsed Read(string text)
    {
        var (parsed, problem) = TranscriptParser.Parse(text, new Words());
        problem.ShouldBeNull();
        return parsed!;
    }

    private static string Problem(string? text) => TranscriptParser.Parse(text, new Words()).Problem!;

    [Fact]
    public void Captions_split_at_each_speaker_mark_and_an_unnamed_mark_is_a_new_speaker()
    {
        var parsed = Read("""
            Good morning, everyone, and welcome.
            >> MODERATOR: Thank you. Our first speaker
            joins us from Nairobi.
            >> AMINA DIALLO: Thank you. Connectivity: it is the first question.
            >> Can you hear me?
            """);
        parsed.Format.ShouldBe(TranscriptFormat.Captions);
        parsed.Turns.Select(t => (t.Speaker, t.Text)).ShouldBe([
            (null, "Good morning, everyone, and welcome."),
            ("MODERATOR", "Thank you. Our first speaker joins us from Nairobi."),
            ("AMINA DIALLO", "Thank you. Connectivity: it is the first question."),
            (null, "Can you hear me?")]);
        parsed.SearchText.ShouldContain("AMINA DIALLO: Thank you.");
    }

    [Fact]
    public void Srt_cues_join_into_turns_with_their_start_times()
    {
        var parsed = Read("1\r\n00:00:01,000 --> 00:00:03,500\r\n>> MODERATOR: Welcome to the session.\r\n\r\n2\r\n00:00:03,600 --> 00:00:06,000\r\nLet us begin.\r\n\r\n3\r\n00:01:02,250 --> 00:01:05,000\r\n>> JUAN PÉREZ: Gracias.\r\n");
        parsed.Format.ShouldBe(TranscriptFormat.Srt);
        parsed.Turns.ShouldBe([
            new TranscriptTurn("MODERATOR", "Welcome to the session. Let us begin.", TimeSpan.FromSeconds(1)),
            new TranscriptTurn("JUAN PÉREZ", "Gracias.", TimeSpan.FromSeconds(62.25))]);
    }

    [Fact]
    public void WebVtt_reads_voice_tags_and_speaker_marks_and_skips_notes()
    {
        var parsed = Read("""
            WEBVTT

            NOTE Captioned live.

            00:00.000 --> 00:02.000
            <v Moderator>Welcome, all.

            intro
            00:02.100 --> 00:04.000
            <v Moderator>Our panel is ready.

            00:00:05.000 --> 00:00:07.000 align:start
            >> LI WEI: Thank you, <i>Chair</i>.
            """);
        parsed.Format.ShouldBe(TranscriptFormat.WebVtt);
        parsed.Turns.ShouldBe([
            new TranscriptTurn("Moderator", "Welcome, all. Our panel is ready.", TimeSpan.Zero),
            new TranscriptTurn("LI WEI", "Thank you, Chair.", TimeSpan.FromSeconds(5))]);
    }

    [Fact]
    public void Text_without_any_known_shape_is_refused_with_the_shapes_named()
    {
        Problem("Just some notes from the session.").ShouldContain("SubRip (.srt) or WebVTT (.vtt)");
        Problem("   ").ShouldBe("Paste the transcript or choose a file.");
    }

    [Fact]
    public void A_broken_timing_names_the_cue()
    {
        Problem("WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n\n00:02 --> soon\nBroken.").ShouldContain("(cue 2)");
    }

    [Fact]
    public void Over_long_text_is_refused_with_both_lengths()
    {
        Problem(">> A: " + new string('x', Transcript.MaxSource)).ShouldContain("at most 400,000 are kept");
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_recognised()
    {
        TranscriptParser.Utf8(Encoding.Latin1.GetBytes(">> JOSÉ: Très bien.")).ShouldBeNull();
        TranscriptParser.Utf8([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(">> JOSÉ: Très bien.")]).ShouldBe(">> JOSÉ: Très bien.");
    }
}
