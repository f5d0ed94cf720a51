using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Plenary.Kernel.Caching;

/// <summary>
/// One gzip stream put together from pieces compressed at different times: the large parts a page shares with every
/// reader compressed once, thoroughly, and the few bytes that are one reader's added for each request. A deflate
/// stream may be cut after any block that ends on a byte boundary without referring back past its own start (what a
/// fresh compressor's sync flush gives), so such pieces follow one another as they are; gzip's trailer needs the CRC-32
/// of the whole, which is combined from the pieces' own CRCs without reading their bytes again.
/// </summary>
public static class GzipPieces
{
    // RFC 1952: the magic, deflate, no flags, no time, no extra flags, "unknown" system.
    private static ReadOnlySpan<byte> Header => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

    // An empty last block with fixed codes: BFINAL 1, BTYPE 01, then the end-of-block code (seven zero bits).
    private static ReadOnlySpan<byte> LastBlock => [0x03, 0x00];

    public const int HeaderLength = 10;
    public const int TrailerLength = 2 + 8;

    /// <summary>A piece's bytes as deflate blocks that end on a byte boundary and refer to nothing before them.</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> bytes, CompressionLevel level)
    {
        var output = new MemoryStream(bytes.Length / 4 + 64);
        var deflate = new DeflateStream(output, level, leaveOpen: true);
        deflate.Write(bytes);
        // Flush is zlib's sync flush: everything so far, then an empty stored block that brings it to a byte boundary.
        // Disposing would add a last block, which must come only once, at the very end of the response.
        deflate.Flush();
        var flushed = output.ToArray();
        deflate.Dispose();
        return flushed;
    }

    /// <summary>Few bytes as stored blocks: cheaper than compressing them, and what a reader's own token is anyway.</summary>
    public static byte[] Store(ReadOnlySpan<byte> bytes)
    {
        var blocks = Math.Max(1, (bytes.Length + ushort.MaxValue - 1) / ushort.MaxValue);
        var output = new byte[bytes.Length + 5 * blocks];
        var at = 0;
        do
        {
            var length = Math.Min(bytes.Length, ushort.MaxValue);
            output[at] = 0; // not the last block; stored
            BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(at + 1), (ushort)length);
            BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(at + 3), (ushort)~length);
            bytes[..length].CopyTo(output.AsSpan(at + 5));
            at += 5 + length;
            bytes = bytes[length..];
        }
        while (!bytes.IsEmpty);
        return output;
    }

    public static uint Crc(ReadOnlySpan<byte> bytes) => Crc32.HashToUInt32(bytes);

    public static void WriteHeader(Span<byte> into) => Header.CopyTo(into);

    /// <summary>The last block and gzip's trailer: the CRC-32 and the length (modulo 2³²) of the uncompressed whole.</summary>
    public static void WriteTrailer(Span<byte> into, uint crc, long length)
    {
        LastBlock.CopyTo(into);
        BinaryPrimitives.WriteUInt32LittleEndian(into[2..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(into[6..], unchecked((uint)length));
    }

    // zlib's crc32_combine (Mark Adler): the CRC of A followed by B from CRC(A), CRC(B) and B's length, by multiplying
    // CRC(A) by x^(8·len(B)) modulo the CRC polynomial, in the reflected bit order CRC-32 uses.
    private const uint Polynomial = 0xedb88320;

    private static readonly uint[] PowersOfTwo = BuildPowers();

    private static uint[] BuildPowers()
    {
        var table = new uint[32];
        var p = 1u << 30; // x¹
        table[0] = p;
        for (var n = 1; n < 32; n++)
        {
            table[n] = p = Multiply(p, p);
        }
        return table;
    }

    private static uint Multiply(uint a, uint b)
    {
        var m = 1u << 31;
        var product = 0u;
        while (true)
        {
            if ((a & m) != 0)
            {
                product ^= b;
                if ((a & (m - 1)) == 0)
                {
                    break;
                }
            }
            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
        return product;
    }

    // x^(n·2^k) modulo the polynomial.
    private static uint PowerOfX(long n, int k)
    {
        var p = 1u << 31; // x⁰
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                p = Multiply(PowersOfTwo[k & 31], p);
            }
            n >>= 1;
            k++;
        }
        return p;
    }

    /// <summary>The CRC-32 of the bytes whose CRC is <paramref name="first"/> followed by <paramref name="secondLength"/> bytes whose CRC is <paramref name="second"/>.</summary>
    public static uint Combine(uint first, uint second, long secondLength) =>
        secondLength == 0 ? first : Multiply(PowerOfX(secondLength, 3), first) ^ second;
}
