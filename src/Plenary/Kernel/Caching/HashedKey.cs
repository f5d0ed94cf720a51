using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Plenary.Kernel.Caching;

/// <summary>
/// The key under which something made from a reader's cookies is remembered: the SHA-256 of two texts joined by a line
/// break, so that no cookie is held in memory and no other pair reaches the entry.
/// </summary>
public static class HashedKey
{
    /// <summary>The Base64 SHA-256 of <paramref name="first"/>, a line feed and <paramref name="second"/> in UTF-8.</summary>
    /// <remarks>Hashed from a pooled buffer: joining the texts and encoding them anew was two to three kilobytes of
    /// garbage for each signed-in request, once for the sign-in ticket and once for the form token.</remarks>
    public static string Of(string? first, string second)
    {
        first ??= "";
        var length = Encoding.UTF8.GetByteCount(first) + 1 + Encoding.UTF8.GetByteCount(second);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = Encoding.UTF8.GetBytes(first, bytes);
            bytes[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(second, bytes.AsSpan(at));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, at), hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
