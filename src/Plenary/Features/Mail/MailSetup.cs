using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.Options;
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
    public bool SmtpSsl { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

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

/// <summary>Hands one message to SMTP, or to the pickup folder as an .eml file (the default, so a fresh install works).</summary>
public sealed class MailDelivery(IOptions<MailOptions> options, IOptions<DatabaseOptions> database, IWebHostEnvironment environment)
{
    public string PickupFolder { get; } = Path.GetFullPath(options.Value.PickupFolder,
        Path.GetFullPath(database.Value.DataFolder, environment.ContentRootPath));

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Rows written before subjects were flattened would otherwise fail at every attempt.
        using var mail = new MailMessage { From = new MailAddress(settings.From), Subject = SingleLine.Flatten(message.Subject) };
        mail.To.Add(message.To);
        mail.Headers.Add("X-Plenary-Message", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, System.Text.Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        if (!string.IsNullOrWhiteSpace(settings.SmtpHost) && Undeliverable(message.To))
        {
            // No server can deliver to the reserved .invalid domain (RFC 2606): handing it over would only fail and be retried.
            // The demo's invented people have such addresses; without SMTP their messages are still written to the folder.
            return;
        }
        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            Directory.CreateDirectory(PickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupFolder;
        }
        else
        {
            client.Host = settings.SmtpHost;
            client.Port = settings.SmtpPort;
            client.EnableSsl = settings.SmtpSsl;
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
            }
        }
        await client.SendMailAsync(mail, cancellationToken);
    }

    public static bool Undeliverable(string address) => address.TrimEnd().EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);
}
