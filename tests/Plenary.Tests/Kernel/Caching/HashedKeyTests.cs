using System.Security.Cryptography;
using System.Text;
using Plenary.Kernel.Caching;

namespace Plenary.Tests.Kernel.Caching;

/// <summary>The key of a remembered ticket or form token is the SHA-256 of the two texts joined, as it was when they were
/// joined into one string: hashing from a pooled buffer changes nothing but the garbage.</summary>
public sealed class HashedKeyTests
{
    [Theory]
    [InlineData(null, "CfDJ8KFwbDwoCSxLt3YTUqxfnn")]
    [InlineData("", "")]
    [InlineData(".AspNetCore.Antiforgery", "plenary=abc; ü € 𝄞")]
    public void Is_the_hash_of_the_two_texts_joined_by_a_line_feed(string? first, string second)
    {
        HashedKey.Of(first, second).ShouldBe(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(first + "\n" + second))));
    }
}
