using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Plenary.Features.Accounts;

namespace Plenary.Tests.Features.Accounts;

/// <summary>
/// The sign-in cookie's ticket remembered by the cookie's hash: decrypted once, each request given its own copy, and no
/// cookie but the very same one ever given it. (That the stamp is still checked on every request, so signing out
/// everywhere still signs a device out, is <see cref="SignInCookieTests"/>'s.)
/// </summary>
public sealed class RememberedTicketsTests
{
    /// <summary>The framework's own ticket format, counting the decryptions asked of it.</summary>
    private sealed class Counted(ISecureDataFormat<AuthenticationTicket> real) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decrypted;
        public string Protect(AuthenticationTicket data) => real.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => real.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decrypted++;
            return real.Unprotect(protectedText, purpose);
        }
    }

    private static (Counted Real, RememberedTickets Remembered) Formats()
    {
        var real = new Counted(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("sign-in cookie")));
        return (real, new RememberedTickets(real));
    }

    private static AuthenticationTicket TicketFor(string account) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account)], "Identity.Application")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddDays(14) }, "Identity.Application");

    [Fact]
    public void A_cookie_is_decrypted_once_and_each_read_gets_its_own_copy()
    {
        var (real, remembered) = Formats();
        using var _ = remembered;
        var cookie = remembered.Protect(TicketFor("7"));

        var first = remembered.Unprotect(cookie)!;
        first.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("7");
        first.Properties.ExpiresUtc = DateTimeOffset.UnixEpoch;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("added", "by this request"));

        var second = remembered.Unprotect(cookie)!;
        real.Decrypted.ShouldBe(1);
        second.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("7");
        second.Properties.ExpiresUtc.ShouldNotBe(DateTimeOffset.UnixEpoch, "what one request changed stays with it");
        second.Principal.FindFirst("added").ShouldBeNull();
    }

    [Fact]
    public void Another_or_altered_cookie_never_gets_a_remembered_ticket()
    {
        var (real, remembered) = Formats();
        using var _ = remembered;
        var mine = remembered.Protect(TicketFor("7"));
        var theirs = remembered.Protect(TicketFor("8"));
        remembered.Unprotect(mine).ShouldNotBeNull();

        remembered.Unprotect(theirs)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("8");
        var altered = mine[..^2] + (mine[^2] == 'A' ? 'B' : 'A') + mine[^1];
        remembered.Unprotect(altered).ShouldBeNull("an altered cookie is decrypted, and refused, like any other");
        remembered.Unprotect(altered).ShouldBeNull();
        remembered.Unprotect(mine, "another purpose").ShouldBeNull("the purpose is part of what was protected, and of the key");
        remembered.Unprotect("").ShouldBeNull();
        remembered.Unprotect(null).ShouldBeNull();
        real.Decrypted.ShouldBe(7, "mine once, theirs once, the altered one twice (a refusal is not remembered), the other purpose, the empty and the missing one");
    }
}
