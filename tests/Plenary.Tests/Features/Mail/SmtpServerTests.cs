using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Plenary.Features.Mail;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Mail;

/// <summary>
/// Mail handed to a real SMTP server on loopback (Debian's aiosmtpd, tests/smtp/server.py): STARTTLS required, then
/// authentication, then the message as a reader's mail program would get it. A wrong password or an untrusted
/// certificate delivers nothing, and the outbox sends each message once.
/// </summary>
[Collection("sqlite")]
public sealed class SmtpServerTests(SqliteApp app) : IAsyncLifetime
{
    private const string User = "plenary";
    private const string Password = "correct horse battery staple";
    private SmtpServer server = null!;

    public async Task InitializeAsync() => server = await SmtpServer.StartAsync(User, Password);

    public Task DisposeAsync()
    {
        server.Dispose();
        return Task.CompletedTask;
    }

    private MailDelivery Delivery(Action<MailOptions>? shape = null)
    {
        var options = new MailOptions
        {
            SmtpHost = "127.0.0.1", SmtpPort = server.Port, SmtpSecurity = SmtpSecurity.StartTls,
            SmtpUser = User, SmtpPassword = Password, SmtpTrustedCertificate = server.Fingerprint, SmtpTimeout = TimeSpan.FromSeconds(10),
            From = "IGF 2026 Secretariat <secretariat@example.org>",
        };
        shape?.Invoke(options);
        return ActivatorUtilities.CreateInstance<MailDelivery>(app.Services, Options.Create(options));
    }

    private static OutboxMessage Message(long id, string to) => new()
    {
        Id = id, To = to, Purpose = "test",
        Subject = "Rappel : vos points clés — 关键要点",
        TextBody = "Les points clés de « Gouvernance des données » sont attendus avant 17:00.\nhttps://forum.example.org/igf2026/sessions/WS-12/report",
        HtmlBody = "<p>Les points clés de « Gouvernance des données » sont attendus avant 17:00.</p>",
    };

    [Fact]
    public async Task A_message_goes_over_STARTTLS_with_authentication_and_arrives_as_written()
    {
        await Delivery().SendAsync(Message(41, "rapporteur@example.org"), CancellationToken.None);

        var received = server.Received().ShouldHaveSingleItem();
        received.Headers["X-Tls"].ShouldBe("yes");
        received.Headers["X-Authenticated-As"].ShouldBe(User);
        received.Headers["X-Envelope-To"].ShouldBe("rapporteur@example.org");
        received.Headers["X-Plenary-Message"].ShouldBe("41");
        received.Subject.ShouldBe("Rappel : vos points clés — 关键要点");
        received.From.Mailboxes.ShouldHaveSingleItem().Name.ShouldBe("IGF 2026 Secretariat");
        received.TextBody!.ShouldContain("« Gouvernance des données »");
        received.TextBody!.ShouldContain("https://forum.example.org/igf2026/sessions/WS-12/report");
        received.HtmlBody!.ShouldContain("<p>Les points clés");
    }

    [Fact]
    public async Task A_wrong_password_fails_the_attempt_and_delivers_nothing()
    {
        var delivery = Delivery(o => o.SmtpPassword = "wrong");

        await Should.ThrowAsync<AuthenticationException>(() => delivery.SendAsync(Message(42, "rapporteur@example.org"), CancellationToken.None));

        server.Received().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_certificate_neither_public_nor_configured_is_refused_before_the_password_is_sent()
    {
        var delivery = Delivery(o => o.SmtpTrustedCertificate = null);

        await Should.ThrowAsync<SslHandshakeException>(() => delivery.SendAsync(Message(43, "rapporteur@example.org"), CancellationToken.None));

        server.Received().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_server_that_requires_STARTTLS_gets_nothing_from_a_sender_configured_for_plain_text()
    {
        var delivery = Delivery(o => o.SmtpSecurity = SmtpSecurity.None);

        await Should.ThrowAsync<Exception>(() => delivery.SendAsync(Message(44, "rapporteur@example.org"), CancellationToken.None));

        server.Received().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_outbox_hands_each_message_to_the_server_once_and_marks_it_sent()
    {
        var domain = $"{Guid.NewGuid():N}.example.org";
        // Beyond the real clock, so the app's own background sender (on the .eml default) never finds them due.
        var later = new DateTime(2091, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ids = await app.InDbAsync(async db =>
        {
            var messages = Enumerable.Range(0, 5).Select(i => new OutboxMessage
            {
                To = $"r{i}@{domain}", Subject = $"Message {i}", TextBody = "Body", HtmlBody = "<p>Body</p>", Purpose = "test", CreatedAt = later, NextAttemptAt = later,
            }).ToList();
            db.Outbox.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });
        var sender = ActivatorUtilities.CreateInstance<OutboxSender>(app.Services, Delivery(), new SetClock(later));

        while (await sender.SendDueAsync(CancellationToken.None) > 0)
        {
        }
        (await sender.SendDueAsync(CancellationToken.None)).ShouldBe(0);

        server.Received().Select(m => long.Parse(m.Headers["X-Plenary-Message"]!, System.Globalization.CultureInfo.InvariantCulture)).Order().ShouldBe(ids.Order());
        var sent = await app.InDbAsync(db => db.Outbox.Where(m => ids.Contains(m.Id)).Select(m => m.SentAt).ToListAsync());
        sent.ShouldAllBe(at => at != null);
    }
}

/// <summary>Debian's aiosmtpd run by tests/smtp/server.py, with a certificate made for it; stopped by closing its input.</summary>
internal sealed class SmtpServer : IDisposable
{
    private readonly Process process;
    private readonly string folder;

    private SmtpServer(Process process, string folder, int port, string fingerprint) =>
        (this.process, this.folder, Port, Fingerprint) = (process, folder, port, fingerprint);

    public int Port { get; }

    /// <summary>SHA-256 of the server's self-signed certificate, as an operator would configure it for an internal relay.</summary>
    public string Fingerprint { get; }

    public static async Task<SmtpServer> StartAsync(string user, string password)
    {
        var folder = Directory.CreateTempSubdirectory("plenary-smtp-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        var inbox = Directory.CreateDirectory(Path.Combine(folder, "inbox")).FullName;

        // Debian's own Python, where python3-aiosmtpd is installed (scripts/test.sh installs it), whatever else is on PATH.
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { Script(), inbox, Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"), user, password })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(20))) != ready || ready.Result is not { } line || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill();
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"The test SMTP server did not start (python3-aiosmtpd is needed; scripts/test.sh installs it): {error}");
        }
        var port = int.Parse(line["ready ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return new SmtpServer(process, inbox, port, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }

    public List<MimeMessage> Received() =>
        Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(file => MimeMessage.Load(file)).ToList();

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "smtp", "server.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("tests/smtp/server.py was not found above the test assembly.");
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
            }
        }
        finally
        {
            process.Dispose();
            Directory.Delete(Directory.GetParent(folder)!.FullName, recursive: true);
        }
    }
}
