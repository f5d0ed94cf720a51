using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Plenary.Features.Accounts;

/// <summary>
/// The sign-in cookie's ticket as its decryption gave it, remembered on this instance by the cookie's SHA-256, so that
/// a reader's next requests skip decrypting and deserialising it: on the programme kept whole for signed-in readers that
/// was a sixth of a request's CPU (docs/performance.md).
/// </summary>
/// <remarks>
/// Nothing is trusted that the cookie handler would not have: the same bytes decrypt to the same ticket, and the key is a
/// cryptographic hash of all of them, so no other cookie can reach another's ticket. The handler still checks the ticket's
/// expiry and asks <see cref="SignInStamp"/> on every request, so signing out everywhere, a password reset or a deleted
/// account count as before. Each request gets its own copy: the handler and the pages may change a ticket's properties
/// or principal. A renewed cookie (sliding expiry) is a new key; the old one is forgotten after <see cref="Idle"/> unused.
/// </remarks>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);

    // Bounded like the form tokens (KeptPages): an IGF has a few thousand signed-in readers at once.
    private readonly MemoryCache tickets = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return inner.Unprotect(protectedText, purpose);
        }
        var key = Kernel.Caching.HashedKey.Of(purpose, protectedText);
        if (tickets.TryGetValue(key, out AuthenticationTicket? ticket))
        {
            return Copy(ticket!);
        }
        ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null)
        {
            tickets.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
            return Copy(ticket);
        }
        return null;
    }

    // ClaimsPrincipal.Clone shares its identities: each is cloned, with its claims.
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(new ClaimsPrincipal(ticket.Principal.Identities.Select(i => i.Clone())), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    public void Dispose() => tickets.Dispose();

    /// <summary>
    /// Wraps the sign-in cookie's ticket format once the framework has made it: a post-configuration registered after
    /// the cookie handler's own runs after it.
    /// </summary>
    internal sealed class Wrap : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is not RememberedTickets and not null)
            {
                options.TicketDataFormat = new RememberedTickets(options.TicketDataFormat);
            }
        }
    }
}
