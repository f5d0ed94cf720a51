using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Mail;

/// <summary>A message as the reader sees it: the same words become the plain-text and the HTML part.</summary>
public sealed record MailContent(string Subject, IReadOnlyList<string> Paragraphs, string? ActionText = null, string? ActionUrl = null)
{
    public string Text()
    {
        var text = new StringBuilder();
        foreach (var p in Paragraphs)
        {
            text.Append(p).Append("\n\n");
        }
        if (ActionUrl is not null)
        {
            text.Append(ActionText).Append(":\n").Append(ActionUrl).Append("\n\n");
        }
        return text.Append("-- \nPlenary\n").ToString();
    }

    public string Html()
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var p in Paragraphs)
        {
            html.Append("<p>").Append(e.Encode(p)).Append("</p>");
        }
        if (ActionUrl is not null)
        {
            html.Append("<p><a href=\"").Append(e.Encode(ActionUrl)).Append("\">").Append(e.Encode(ActionText ?? ActionUrl)).Append("</a></p>");
        }
        return html.Append("<p style=\"color:#555\">Plenary</p></body></html>").ToString();
    }
}

/// <summary>Writes messages into the outbox, in the reader's language. The caller's SaveChanges sends them on their way.</summary>
public sealed class Mailer(PlenaryDb db, IStringLocalizer<SharedResource> localizer, TimeProvider clock, OutboxSender sender)
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
        db.Outbox.Add(new OutboxMessage
        {
            To = to, Subject = content.Subject, TextBody = content.Text(), HtmlBody = content.Html(), Purpose = purpose,
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
