using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Plenary.Kernel.Caching;

namespace Plenary.Tests.Kernel.Caching;

/// <summary>A gzip stream put together from pieces compressed apart reads back, with its checksum, as the whole.</summary>
public sealed class GzipPiecesTests
{
    private static byte[] Text(int seed, int length)
    {
        var random = new Random(seed);
        var words = new[] { "<li class=\"s\">", "session", "takeaway", "rapporteur", "Addis Ababa", "</li>\n", "حوكمة", "治理" };
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 7)]
    [InlineData(100_000, 3)]
    [InlineData(5, 70_000)]
    public void Combined_crc_equals_the_crc_of_the_whole(int firstLength, int secondLength)
    {
        var first = Text(1, firstLength)[..firstLength];
        var second = Text(2, secondLength)[..secondLength];
        GzipPieces.Combine(Crc32.HashToUInt32(first), Crc32.HashToUInt32(second), second.Length)
            .ShouldBe(Crc32.HashToUInt32([.. first, .. second]));
    }

    private static byte[] Assemble(IReadOnlyList<(byte[] Text, bool Shared)> pieces, Func<uint, uint>? spoil = null)
    {
        var output = new MemoryStream();
        var header = new byte[GzipPieces.HeaderLength];
        GzipPieces.WriteHeader(header);
        output.Write(header);
        var crc = 0u;
        long length = 0;
        foreach (var (text, shared) in pieces)
        {
            output.Write(shared ? GzipPieces.Deflate(text, CompressionLevel.SmallestSize) : GzipPieces.Store(text));
            crc = GzipPieces.Combine(crc, GzipPieces.Crc(text), text.Length);
            length += text.Length;
        }
        var trailer = new byte[GzipPieces.TrailerLength];
        GzipPieces.WriteTrailer(trailer, spoil?.Invoke(crc) ?? crc, length);
        output.Write(trailer);
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var reader = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var whole = new MemoryStream();
        reader.CopyTo(whole);
        return whole.ToArray();
    }

    [Fact]
    public void Pieces_compressed_apart_and_stored_blocks_between_them_read_back_as_the_whole()
    {
        // A large shared piece, a reader's token, an empty slot, a piece longer than one stored block can hold.
        var pieces = new List<(byte[], bool)> { (Text(3, 250_000), true), (Encoding.UTF8.GetBytes("CfDJ8-token_value"), false),
            ([], false), (Text(4, 40_000), true), (Text(5, 70_000), false), (Text(6, 9), true) };
        var gzip = Assemble(pieces);

        Gunzip(gzip).ShouldBe(pieces.SelectMany(p => p.Item1).ToArray());
        gzip.Length.ShouldBeLessThan(pieces.Take(4).Sum(p => p.Item1.Length) / 4 + 70_000 + 1_000, "the shared pieces are compressed");
    }

    [Fact]
    public void A_wrong_checksum_is_refused_by_the_reader()
    {
        var gzip = Assemble([(Text(7, 5_000), true), (Encoding.UTF8.GetBytes("token"), false)], spoil: crc => crc ^ 1);
        Should.Throw<InvalidDataException>(() => Gunzip(gzip));
    }
}
