using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Plenary.Features.Mail;

namespace Plenary.Features.Accounts;

/// <summary>What every account form shares: field errors in the reader's words, and links for e-mails.</summary>
[EnableRateLimiting(AccountsSetup.RateLimit)]
public abstract class AccountPageModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IStringLocalizer<SharedResource> L { get; } = localizer;

    /// <summary>Field name to message; "" for the form as a whole.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    protected void Fail(string field, string message) => Errors.TryAdd(field, message);

    /// <summary>Also used by invitations, so that an address invited can sign up.</summary>
    internal static bool LooksLikeEmail(string? email) =>
        email is { Length: >= 3 and <= 256 } && email.IndexOf('@') is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace)
        && Infrastructure.Web.SingleLine.Holds(email);

    /// <summary>A page with its query, for a message: the mailer puts the public address before it, never this request's.</summary>
    protected static string Link(string path, IDictionary<string, string?> query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query);

    protected static string? LocalOrNull(string? url) => Infrastructure.Web.LocalUrls.IsLocal(url) ? url : null;

    /// <summary>Queues the "confirm your address" message with a fresh link; the caller saves and wakes the sender.</summary>
    internal static async Task QueueConfirmationAsync(Mailer mailer, Microsoft.AspNetCore.Identity.UserManager<Account> accounts, Account account, string name, string? returnUrl = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["account"] = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["code"] = Tokens.Encode(await accounts.GenerateEmailConfirmationTokenAsync(account)),
        };
        if (returnUrl is not null)
        {
            query["returnUrl"] = returnUrl;
        }
        var link = Link("/account/confirm", query);
        mailer.Queue(account.Email!, account.PreferredLanguage, "confirm-email", l => new MailContent(
            l["Confirm your e-mail address for Plenary"],
            [l["Hello {0},", name], l["Someone, probably you, created a Plenary account with this address. Open the link below to confirm it. The link works for two days."], l["If it was not you, ignore this message: no account is used until its address is confirmed."]],
            l["Confirm my address"], link));
    }
}
