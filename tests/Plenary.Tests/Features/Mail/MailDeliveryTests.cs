using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Plenary.Features.Mail;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Mail;

/// <summary>With an SMTP server, a message to the reserved .invalid domain (the demo's invented people) is never handed over.</summary>
[Collection("sqlite")]
public sealed class MailDeliveryTests(SqliteApp app)
{
    [Fact]
    public async Task A_message_to_an_invalid_address_is_not_handed_to_smtp_and_others_are()
    {
        // A port nothing listens on: handing a message over there fails at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var delivery = ActivatorUtilities.CreateInstance<MailDelivery>(app.Services,
            Options.Create(new MailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, SmtpSecurity = SmtpSecurity.None }));
        OutboxMessage To(string address) => new() { Id = 1, To = address, Subject = "Reminder", TextBody = "Text", HtmlBody = "<p>Text</p>", Purpose = "test" };

        await delivery.SendAsync(To("rapporteur@demo.invalid"), CancellationToken.None);

        await Should.ThrowAsync<SocketException>(() => delivery.SendAsync(To("rapporteur@example.org"), CancellationToken.None));
    }
}
