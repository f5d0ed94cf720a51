using Plenary.Features.Sessions;

namespace Plenary.Tests.Features.Sessions;

public sealed class SessionKeyTests
{
    [Theory]
    [InlineData("OF", 56, "of-56")]
    [InlineData("WS", 175, "ws-175")]
    [InlineData("DAY0", 3, "day0-3")]
    public void Key_is_the_lowercase_type_code_and_number(string code, int number, string key) =>
        SessionKey.Format(code, number).ShouldBe(key);

    [Theory]
    [InlineData("of-56", "OF", 56)]
    [InlineData("WS-175", "WS", 175)]
    [InlineData("dc-bpf-4", "DC-BPF", 4)]
    public void Key_parses_back_to_type_code_and_number(string key, string code, int number)
    {
        SessionKey.TryParse(key, out var parsedCode, out var parsedNumber).ShouldBeTrue();
        parsedCode.ShouldBe(code);
        parsedNumber.ShouldBe(number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("56")]
    [InlineData("of-")]
    [InlineData("-56")]
    [InlineData("of-0")]
    [InlineData("of--5")]
    [InlineData("of-+5")]
    [InlineData("of-5x")]
    [InlineData("of-99999999999")]
    [InlineData("a-very-long-key-that-is-surely-not-a-session-key-1")]
    public void Key_that_is_not_a_session_key_is_rejected(string? key) =>
        SessionKey.TryParse(key, out _, out _).ShouldBeFalse();
}
