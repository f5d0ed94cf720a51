namespace Plenary.Features.Accounts;

/// <summary>What people type as codes, tidied: spaces and dashes from copying, lower case from hand-typing.</summary>
public static class TwoFactorCodes
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The six digits of an authenticator code, or null when the text is not one.</summary>
    public static string? Authenticator(string? typed)
    {
        var digits = string.Concat((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-'));
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>A recovery code in Identity's stored form (XXXXX-XXXXX), or null when the text cannot be one.</summary>
    public static string? Recovery(string? typed)
    {
        var letters = string.Concat((typed ?? "").Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
        return letters.Length == 10 ? $"{letters[..5]}-{letters[5..]}" : null;
    }
}
