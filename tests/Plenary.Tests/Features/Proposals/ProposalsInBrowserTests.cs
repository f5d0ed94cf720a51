using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Proposals;

/// <summary>The proposal form in real Chromium: filled in by a person with the keyboard's labels, and nothing for axe-core to fix.</summary>
[Collection("browser")]
public sealed class ProposalsInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_proposal_is_written_and_its_mistakes_shown_without_accessibility_violations()
    {
        await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var email = $"b{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        var page = await app.SignedInPageAsync(email);

        await page.GotoAsync($"/{ProposalForums.Open}/proposals/new");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.GetByLabel("Title").FillAsync("Community networks in the Sahel");
        var first = page.GetByRole(AriaRole.Group, new() { Name = "Speaker 1" });
        await first.GetByLabel("Name").FillAsync("Awa Traoré");
        await first.GetByLabel("E-mail").FillAsync("awa@example.org");
        var second = page.GetByRole(AriaRole.Group, new() { Name = "Speaker 2" });
        await second.GetByLabel("Name").FillAsync("Awa again");
        await second.GetByLabel("E-mail").FillAsync("AWA@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Speaker 2: AWA@example.org is already listed as a speaker");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await second.GetByLabel("E-mail").FillAsync("moussa@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await page.WaitForURLAsync("**/proposals/*?done=saved");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("saved");
        (await page.Locator("#screening").InnerTextAsync()).ShouldContain("Confirmed speakers");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.GotoAsync($"/{ProposalForums.Open}/proposals?culture=fr");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    /// <summary>Enter in a field saves the proposal as a draft, new or not, and never hands it in.</summary>
    [Fact]
    public async Task Enter_in_a_field_saves_the_draft_and_hands_nothing_in()
    {
        await ProposalForums.EnsureAsync(app, ProposalForums.Open);
        var email = $"b{Guid.NewGuid():N}@example.org";
        (await app.SignedInVisitorAsync(email)).Dispose();
        var page = await app.SignedInPageAsync(email);
        var title = $"Enter, not hand in {Guid.NewGuid():N}";

        await page.GotoAsync($"/{ProposalForums.Open}/proposals/new");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Title").PressAsync("Enter");
        await page.WaitForURLAsync("**/proposals/*?done=saved");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("saved as it stands");

        await page.GetByLabel("Tags").FillAsync("access, libraries");
        await page.GetByLabel("Tags").PressAsync("Enter");
        await page.WaitForURLAsync("**/proposals/*?done=saved");
        (await page.GetByLabel("Tags").InputValueAsync()).ShouldBe("access, libraries");
        (await page.Locator("h2", new() { HasText = "State:" }).InnerTextAsync()).ShouldContain("Draft");
        var saved = await app.InDbAsync(db => db.Proposals.SingleAsync(p => p.Title == title));
        (saved.State, saved.Tags).ShouldBe((Plenary.Features.Proposals.ProposalState.Draft, "access, libraries"));
        await page.Context.CloseAsync();
    }
}
