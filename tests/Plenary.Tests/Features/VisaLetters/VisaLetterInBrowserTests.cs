using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Kernel.Access;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.VisaLetters;

[Collection("browser")]
public sealed class VisaLetterInBrowserTests(BrowserApp app)
{
    /// <summary>
    /// A registrant asks for a letter on the registration form in Chromium, the visa desk approves it from the queue, and a
    /// consulate checks it: the form, the registrant's page, the queue, the settings and the verification page pass axe.
    /// </summary>
    [Fact]
    public async Task test_the_visa_letter_pages_pass_axe_from_request_to_verification()
    {
        var forum = await app.ForumOfItsOwnAsync("visaax", firstDay: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)));
        var email = $"visaax{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        var page = await app.SignedInPageAsync(email);

        await page.GotoAsync($"/{forum.Slug}/register");
        await page.GetByLabel("I need an invitation letter to apply for a visa").CheckAsync();
        await page.GetByLabel("Name as written in your passport").FillAsync("Amina Diallo");
        await page.GetByLabel("Country that issued your passport").SelectOptionAsync("SN");
        await page.GetByLabel("Passport number").FillAsync("P4X91K27Q");
        await page.GetByLabel("Date of birth").FillAsync("1990-04-23");
        await page.GetByLabel("City of the embassy or consulate where you apply").FillAsync("Dakar");
        await page.GetByLabel("Country of the embassy or consulate").SelectOptionAsync("SN");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await page.GotoAsync($"/{forum.Slug}/visa-letter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your request", Exact = true })).ToBeVisibleAsync();
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await app.InDbAsync(async db =>
        {
            var account = await db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync();
            db.ForumMembers.Add(new ForumMember { ForumId = forum.Id, AccountId = account, Role = ForumRole.VisaDesk, AddedAt = DateTime.UtcNow });
            db.ForumMembers.Add(new ForumMember { ForumId = forum.Id, AccountId = account, Role = ForumRole.Secretariat, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        await page.GotoAsync($"/{forum.Slug}/manage/visa-letters");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Amina Diallo");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.Locator("input[name=ids]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve the ticked requests and issue their letters" }).ClickAsync();
        var code = await app.InDbAsync(db => db.VisaRequests.Where(r => r.ForumId == forum.Id).Select(r => r.LetterCode).SingleAsync());
        code.ShouldNotBeNull();
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await page.GotoAsync($"/{forum.Slug}/manage/visa-letters/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Visa invitation letters: settings" })).ToBeVisibleAsync();
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await page.GotoAsync($"/{forum.Slug}/letters/{code}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("genuine");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
