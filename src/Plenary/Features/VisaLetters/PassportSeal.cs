using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Plenary.Features.VisaLetters;

/// <summary>
/// Encrypts and decrypts the passport fields with ASP.NET Core Data Protection, whose keys live in the database
/// (DataProtectionKeys) and rotate on their own; old keys still open old requests. A purpose of its own, so nothing
/// else the app protects (cookies, antiforgery) can open a passport, and a sealed passport cannot pass for either.
/// </summary>
public sealed class PassportSeal(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Plenary.VisaLetters.Passport.v1");

    private sealed record Stored(string N, string P, string B);

    public string Seal(PassportDetails passport) =>
        _protector.Protect(JsonSerializer.Serialize(new Stored(passport.Name, passport.Number, passport.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

    public PassportDetails? Open(string? sealedPassport)
    {
        if (sealedPassport is null)
        {
            return null;
        }
        var stored = JsonSerializer.Deserialize<Stored>(_protector.Unprotect(sealedPassport))!;
        return new PassportDetails(stored.N, stored.P, DateOnly.ParseExact(stored.B, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
