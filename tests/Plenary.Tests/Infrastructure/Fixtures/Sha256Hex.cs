using System.Security.Cryptography;
using System.Text;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// SHA-256 of a text's UTF-8 bytes in hexadecimal, written here rather than taken from the app, so that a test that
/// checks a stored hash does not compare the app's function with itself.
/// </summary>
public static class Sha256Hex
{
    public static string Of(string text)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class Sha256HexTests
{
    [Fact]
    public void Matches_the_published_test_vector()
    {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Sha256Hex.Of("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
