using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Mail;

/// <summary>How e-mail leaves. Without an SMTP host, messages are written as .eml files under the data folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Plenary:Mail";

    public string From { get; set; } = "Plenary <no-reply@plenary.invalid>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.StartTls;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>How long one step of the SMTP conversation may take before the attempt fails and is retried later.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>SHA-256 fingerprint of a relay's self-signed certificate to trust; empty: only publicly trusted certificates.</summary>
    public string? SmtpTrustedCertificate { get; set; }

    /// <summary>Where .eml files go when no SMTP host is set; relative to the data folder.</summary>
    public string PickupFolder { get; set; } = "mail";

    /// <summary>How often the sender looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The address links in messages start with, e.g. https://forum.example.org. Defaults to the request's.</summary>
    public string? PublicBaseUrl { get; set; }
}

public static class MailSetup
{
    public static WebApplicationBuilder AddPlenaryMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
        builder.Services.AddSingleton<MailDelivery>();
        builder.Services.AddScoped<Mailer>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxSender>());
        return builder;
    }
}

/// <summary>
/// Hands one message to SMTP through MailKit, or to the pickup folder as an .eml file (the default, so a fresh install
/// works). One connection per message: the outbox sends a few at a time, and a connection held open between them would
/// only be dropped by the server's idle timeout.
/// </summary>
public sealed class MailDelivery(IOptions<MailOptions> options, IOptions<DatabaseOptions> database, IWebHostEnvironment environment)
{
    public string PickupFolder { get; } = Path.GetFullPath(options.Value.PickupFolder,
        Path.GetFullPath(database.Value.DataFolder, environment.ContentRootPath));

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.SmtpHost) && Undeliverable(message.To))
        {
            // No server can deliver to the reserved .invalid domain (RFC 2606): handing it over would only fail and be retried.
            // The demo's invented people have such addresses; without SMTP their messages are still written to the folder.
            return;
        }
        using var mail = Compose(message, settings);
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            await WriteToPickupAsync(mail, cancellationToken);
            return;
        }
        using var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None || TrustedByFingerprint(certificate, settings.SmtpTrustedCertificate);
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpSecurity switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static MimeMessage Compose(OutboxMessage message, MailOptions settings)
    {
        // Rows written before subjects were flattened would otherwise fail at every attempt.
        var mail = new MimeMessage { Subject = SingleLine.Flatten(message.Subject) };
        mail.From.Add(MailboxAddress.Parse(settings.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Headers.Add("X-Plenary-Message", message.Id.ToString(CultureInfo.InvariantCulture));
        mail.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mail;
    }

    /// <summary>Written under a temporary name and then renamed, so that whoever reads the folder never sees half a message.</summary>
    private async Task WriteToPickupAsync(MimeMessage mail, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(PickupFolder);
        var name = Path.Combine(PickupFolder, Guid.NewGuid().ToString("N"));
        await mail.WriteToAsync(name + ".tmp", cancellationToken);
        File.Move(name + ".tmp", name + ".eml");
    }

    /// <summary>
    /// An internal relay's own certificate, trusted by its SHA-256 fingerprint (hex, colons optional) rather than by a
    /// public authority; every other certificate must chain to one.
    /// </summary>
    private static bool TrustedByFingerprint(X509Certificate? certificate, string? fingerprint)
    {
        if (certificate is null || string.IsNullOrWhiteSpace(fingerprint))
        {
            return false;
        }
        var expected = fingerprint.Replace(":", "", StringComparison.Ordinal).Trim();
        var actual = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
        return string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase);
    }

    public static bool Undeliverable(string address) => address.TrimEnd().EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);
}

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on port 465, STARTTLS elsewhere when the server offers it (MailKit's choice).</summary>
    Auto,

    /// <summary>STARTTLS, required: the message is not sent over a connection that cannot be protected.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>Plain text: only for a relay on the same machine or a private network.</summary>
    None,
}
