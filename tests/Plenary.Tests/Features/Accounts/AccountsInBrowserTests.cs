using Microsoft.Playwright;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

[Collection("browser")]
public sealed class AccountsInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Sign_up_confirm_from_the_mail_and_sign_in_in_a_real_browser()
    {
        var email = $"b{Guid.NewGuid():N}@example.org";
        // JavaScript on, as most people have it: axe-core runs as a script in the page.
        var page = await app.NewPageAsync();
        await page.GotoAsync("/igf2022");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Your name").FillAsync("Kwame Mensah");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("at least 10 characters");
        (await page.GetByLabel("E-mail address", new() { Exact = true }).InputValueAsync()).ShouldBe(email);
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await page.GetByLabel("Password").FillAsync("harmattan season in Accra");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your e-mail");

        await page.GotoAsync(await app.LinkFromOutboxAsync(email, "confirm-email"));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("is confirmed");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        (await page.GetByLabel("E-mail address", new() { Exact = true }).InputValueAsync()).ShouldBe(email);
        await page.GetByLabel("Password").FillAsync("harmattan season in Accra");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Your profile");
        (await page.GetByLabel("Your name").InputValueAsync()).ShouldBe("Kwame Mensah");
        (await page.RunAxeInPageAsync()).Violations.ShouldBeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).CountAsync()).ShouldBe(1);
        await page.Context.CloseAsync();
    }
}
