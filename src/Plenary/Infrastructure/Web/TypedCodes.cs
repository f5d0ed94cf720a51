using System.Security.Cryptography;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// Random codes that people read off paper and type or scan: badges, certificates, letters. One routine, so that every
/// such code draws from the cryptographic generator and none can be guessed from another.
/// </summary>
public static class TypedCodes
{
    /// <summary>No 0/O or 1/I/L: what a person copies from a printed page is what was printed. 31 characters, about 5 bits each.</summary>
    public const string WithoutLookAlikes = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New(int length, string alphabet = WithoutLookAlikes) =>
        string.Create(length, alphabet, static (span, alphabet) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
}
