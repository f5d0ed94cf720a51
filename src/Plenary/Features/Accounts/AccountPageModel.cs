using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;

namespace Plenary.Features.Accounts;

/// <summary>What every account form shares: field errors in the reader's words, and absolute links for e-mails.</summary>
[EnableRateLimiting(AccountsSetup.RateLimit)]
public abstract class AccountPageModel(IStringLocalizer<SharedResource> localizer, IOptions<MailOptions> mail) : PageModel
{
    protected IStringLocalizer<SharedResource> L { get; } = localizer;

    /// <summary>Field name to message; "" for the form as a whole.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    protected void Fail(string field, string message) => Errors.TryAdd(field, message);

    protected static bool LooksLikeEmail(string? email) =>
        email is { Length: >= 3 and <= 256 } && email.IndexOf('@') is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);

    /// <summary>An absolute link to a page, for a message read outside the browser.</summary>
    protected string Link(string path, IDictionary<string, string?> query)
    {
        var origin = mail.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(origin + path, query);
    }

    protected static string? LocalOrNull(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length < 2048 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}
