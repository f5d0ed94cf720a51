using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Mail;

/// <summary>
/// A message as the reader sees it: the same words become the plain-text and the HTML part. The action is a path of
/// this site ("/account/link?code=…"); the <see cref="Mailer"/> puts the public address before it, so no message
/// carries a link built from a request.
/// </summary>
public sealed record MailContent(string Subject, IReadOnlyList<string> Paragraphs, string? ActionText = null, string? ActionPath = null)
{
    public string Text(string? actionUrl)
    {
        var text = new StringBuilder();
        foreach (var p in Paragraphs)
        {
            text.Append(p).Append("\n\n");
        }
        if (actionUrl is not null)
        {
            text.Append(ActionText).Append(":\n").Append(actionUrl).Append("\n\n");
        }
        return text.Append("-- \nPlenary\n").ToString();
    }

    /// <param name="language">The reader's interface language: the mail program picks fonts by it and lays Arabic out right to left.</param>
    public string Html(string? actionUrl, string language)
    {
        var e = HtmlEncoder.Default;
        var direction = CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft ? "rtl" : "ltr";
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").Append(e.Encode(language)).Append("\" dir=\"").Append(direction)
            .Append("\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var p in Paragraphs)
        {
            html.Append("<p>").Append(e.Encode(p)).Append("</p>");
        }
        if (actionUrl is not null)
        {
            html.Append("<p><a href=\"").Append(e.Encode(actionUrl)).Append("\">").Append(e.Encode(ActionText ?? actionUrl)).Append("</a></p>");
        }
        return html.Append("<p style=\"color:#555\">Plenary</p></body></html>").ToString();
    }
}

/// <summary>Writes messages into the outbox, in the reader's language. The caller's SaveChanges sends them on their way.</summary>
public sealed class Mailer(PlenaryDb db, IStringLocalizer<SharedResource> localizer, TimeProvider clock, OutboxSender sender, PublicOrigin origin)
{
    public void Queue(string to, string language, string purpose, Func<IStringLocalizer, MailContent> compose)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        MailContent content;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            content = compose(localizer);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var link = content.ActionPath is { } path ? origin.Link(path) : null;
        db.Outbox.Add(new OutboxMessage
        {
            // A title stored before line breaks were refused (or any text a subject is made of) must not stop the message.
            To = to, Subject = SingleLine.Flatten(content.Subject), TextBody = content.Text(link), HtmlBody = content.Html(link, language), Purpose = purpose,
            CreatedAt = now, NextAttemptAt = now,
        });
    }

    /// <summary>Call after SaveChanges: the sender goes at once instead of at its next poll.</summary>
    public void SendSoon() => sender.Wake();

    /// <summary>How many messages of one kind went to an address lately: a cap keeps pages from being used to flood someone.</summary>
    public Task<int> CountRecentAsync(string to, string purpose, TimeSpan within, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - within;
        return db.Outbox.CountAsync(m => m.To == to && m.Purpose == purpose && m.CreatedAt >= since, cancellationToken);
    }
}
