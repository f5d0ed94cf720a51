using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Features.Certificates;
using Plenary.Features.Registrations;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Certificates;

[Collection("browser")]
public sealed class CertificateInBrowserTests(BrowserApp app)
{
    /// <summary>The participant's certificate page, the verification page and the Secretariat's list with a refused import line: no axe violation.</summary>
    [Fact]
    public async Task The_certificate_pages_pass_axe()
    {
        var forum = await app.ForumOfItsOwnAsync("certax", rooms: 1, placed: 2);
        var email = $"certax{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email, async (db, id) =>
        {
            var person = await db.Users.Where(a => a.Id == id).Select(a => a.PersonId).SingleAsync();
            var registration = new Registration
            {
                ForumId = forum.Id, AccountId = id, PersonId = person, Mode = AttendanceMode.Onsite, Status = RegistrationStatus.Approved,
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, BadgeSecret = Registration.NewBadgeSecret(),
            };
            db.Registrations.Add(registration);
            await db.SaveChangesAsync();
            var ws1 = forum.Session(1);
            db.CheckIns.Add(new CheckIn { RegistrationId = registration.Id, ForumId = forum.Id, Day = forum.FirstDay, At = ws1.StartsAt!.Value, RoomId = ws1.RoomId });
            db.Certificates.Add(new Certificate { ForumId = forum.Id, RegistrationId = registration.Id, Code = Certificate.NewCode(), Name = "Amina Diallo", IssuedAt = DateTime.UtcNow });
            db.ForumMembers.Add(new Plenary.Kernel.Access.ForumMember { ForumId = forum.Id, AccountId = id, Role = Plenary.Kernel.Access.ForumRole.Secretariat, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        })).Dispose();
        var code = await app.InDbAsync(db => db.Certificates.Where(c => c.ForumId == forum.Id).Select(c => c.Code).SingleAsync());
        var page = await app.SignedInPageAsync(email);

        await page.GotoAsync($"/{forum.Slug}/certificate");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download your certificate (PDF)" })).ToBeVisibleAsync();
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await page.GotoAsync($"/{forum.Slug}/certificates/{code}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Genuine.");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await page.GotoAsync($"/{forum.Slug}/manage/certificates");
        var file = Path.Combine(Path.GetTempPath(), $"attendance-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"email,session,room,joined,left\n{email},ws-1,,,\nnobody@example.org,ws-1,,,\n", Encoding.UTF8);
        try
        {
            await page.GetByLabel("Attendance report (CSV)").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the attendance" }).ClickAsync();
            await Assertions.Expect(page.Locator("table.problems")).ToContainTextAsync("nobody@example.org");
        }
        finally
        {
            File.Delete(file);
        }
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
