using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app, driven as a person would: the test reads the key off the page and
/// computes the app's codes itself (RFC 6238), so nothing of Identity's is borrowed to pass its own check.
/// </summary>
public abstract class TwoFactorTests(PlenaryApp app)
{
    private const string Password = "solar wind over Addis";

    private static string NewEmail() => $"t{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Turning_on_needs_a_right_code_from_the_app_then_shows_ten_recovery_codes_once()
    {
        var email = NewEmail();
        using var visitor = await app.SignedInVisitorAsync(email);
        var page = await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/two-factor"));
        page.QuerySelector(".lead")!.TextContent.ShouldContain("Two-factor sign-in is off.");
        var shown = page.QuerySelector("#key")!.TextContent;
        shown.ShouldMatch("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$");
        var qr = page.QuerySelector(".qr svg")!;
        qr.GetAttribute("role").ShouldBe("img");
        qr.GetAttribute("aria-label").ShouldNotBeNullOrWhiteSpace();
        qr.QuerySelector("path")!.GetAttribute("d")!.Length.ShouldBeGreaterThan(1000);
        // Reloading while the app is being set up keeps the key the person is typing in.
        (await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/two-factor"))).QuerySelector("#key")!.TextContent.ShouldBe(shown);

        var wrong = await TurnOnAsync(visitor, Totp.WrongCode(shown));
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await PlenaryApp.ParseAsync(wrong);
        refused.QuerySelector("[role=alert]")!.TextContent.ShouldContain("That code is not right.");
        refused.QuerySelector("#code")!.GetAttribute("aria-invalid").ShouldBe("true");
        refused.QuerySelector("#key")!.TextContent.ShouldBe(shown);
        (await TwoFactorEnabledAsync(email)).ShouldBeFalse();

        var right = await TurnOnAsync(visitor, Totp.Code(shown));
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        right.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var done = await PlenaryApp.ParseAsync(right);
        done.QuerySelector("[role=status]")!.TextContent.ShouldBe("Two-factor sign-in is on.");
        var codes = RecoveryCodesOn(done);
        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);
        (await TwoFactorEnabledAsync(email)).ShouldBeTrue();

        // Shown once: the page afterwards says how many are left, never the codes or the key.
        var later = await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/two-factor"));
        later.QuerySelector("main")!.TextContent.ShouldContain("Unused recovery codes: 10.");
        RecoveryCodesOn(later).ShouldBeEmpty();
        later.QuerySelector("#key").ShouldBeNull();
        // Turning it on changed the security stamp; the refreshed cookie keeps this browser signed in.
        var profile = await visitor.GetAsync("/account");
        profile.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(profile)).QuerySelector("main")!.TextContent.ShouldContain("Two-factor sign-in is on.");

        var notice = await app.InDbAsync(db => db.Outbox.SingleAsync(m => m.To == email && m.Purpose == "two-factor-on"));
        notice.Subject.ShouldBe("Two-factor sign-in was turned on for your Plenary account");
        notice.TextBody.ShouldNotContain(shown.Replace(" ", "", StringComparison.Ordinal));
        notice.TextBody.ShouldNotContain(codes[0]);
    }

    [Fact]
    public async Task The_notice_is_in_the_account_language()
    {
        var email = NewEmail();
        using var visitor = await app.SignedInVisitorAsync(email,
            (db, id) => db.Users.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredLanguage, "fr")));
        await TurnOnAsync(visitor, Totp.Code(await KeyOnPageAsync(visitor)));
        var notice = await app.InDbAsync(db => db.Outbox.SingleAsync(m => m.To == email && m.Purpose == "two-factor-on"));
        notice.Subject.ShouldBe("La connexion à deux facteurs a été activée pour votre compte Plenary");
        notice.TextBody.ShouldStartWith("Bonjour Amina Diallo,");
    }

    [Fact]
    public async Task Sign_in_then_asks_for_a_code_from_the_app_and_keeps_where_the_person_was_going()
    {
        var (email, key, _) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        var password = await PlenaryApp.SubmitFormAsync(visitor, "/account/sign-in", new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Password, ["ReturnUrl"] = "/igf2022/programme", ["Remember"] = "true",
        });
        password.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        password.Headers.Location!.OriginalString.ShouldBe("/account/sign-in/two-factor?ReturnUrl=%2Figf2022%2Fprogramme&Remember=true");
        // A right password alone does not sign in.
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var step = await PlenaryApp.ParseAsync(await visitor.GetAsync(password.Headers.Location.OriginalString));
        step.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value").ShouldBe("/igf2022/programme");
        step.QuerySelector("input[name=Remember]")!.GetAttribute("value").ShouldBe("true");

        var wrong = await SecondStepAsync(visitor, Totp.WrongCode(key), "/igf2022/programme", remember: true);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await PlenaryApp.ParseAsync(wrong);
        refused.QuerySelector("[role=alert]")!.TextContent.ShouldContain("That code is not right. Enter the code your app shows now");
        refused.QuerySelector("#code")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await FailedAttemptsAsync(email)).ShouldBe(1);
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var right = await SecondStepAsync(visitor, Totp.Code(key), "/igf2022/programme", remember: true);
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.OriginalString.ShouldBe("/igf2022/programme");
        // "Keep me signed in" carried through the second step: the sign-in cookie outlives the browser session.
        right.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("plenary=", StringComparison.Ordinal) && c.Contains("expires=", StringComparison.OrdinalIgnoreCase));
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FailedAttemptsAsync(email)).ShouldBe(0);
    }

    [Fact]
    public async Task A_malformed_code_is_explained_and_not_counted()
    {
        var (email, _, _) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        await app.SignInAsync(visitor, email);
        var answer = await SecondStepAsync(visitor, "12345");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PlenaryApp.ParseAsync(answer)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Enter the 6-digit code");
        (await FailedAttemptsAsync(email)).ShouldBe(0);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_never_again()
    {
        var (email, _, codes) = await WithTwoFactorAsync();
        var first = app.CreateVisitor();
        await app.SignInAsync(first, email);
        // Typed by hand: lower case, without the dash.
        var used = await RecoveryStepAsync(first, codes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        used.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        used.Headers.Location!.OriginalString.ShouldBe("/account");
        (await first.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(await first.GetAsync("/account/two-factor"))).QuerySelector("main")!.TextContent.ShouldContain("Unused recovery codes: 9.");

        var second = app.CreateVisitor();
        await app.SignInAsync(second, email);
        var again = await RecoveryStepAsync(second, codes[3]);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await PlenaryApp.ParseAsync(again);
        refused.QuerySelector("[role=alert]")!.TextContent.ShouldContain("already been used");
        // The address now ends in ?handler=Recovery; the form for the app's code still posts to its own handler.
        var appForm = refused.QuerySelector("input[name=Code]")!.Closest("form")!;
        appForm.GetAttribute("action").ShouldBe("/account/sign-in/two-factor");
        appForm.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull();
        (await second.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Identity does not count a wrong recovery code itself; the page does, once.
        (await FailedAttemptsAsync(email)).ShouldBe(1);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_even_for_the_right_code()
    {
        var (email, key, codes) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        await app.SignInAsync(visitor, email);
        for (var i = 0; i < 4; i++)
        {
            (await SecondStepAsync(visitor, Totp.WrongCode(key))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        var fifth = await RecoveryStepAsync(visitor, "BBBBB-BBBBB");
        fifth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await PlenaryApp.ParseAsync(fifth)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Too many wrong codes");

        (await SecondStepAsync(visitor, Totp.Code(key))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await RecoveryStepAsync(visitor, codes[0])).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The recovery code tried while locked out was not used up.
        (await RecoveryCodesStoredAsync(email))!.ShouldContain(codes[0]);
    }

    [Fact]
    public async Task The_sign_in_link_also_asks_for_the_second_step()
    {
        var (email, key, _) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        await PlenaryApp.SubmitFormAsync(visitor, "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["ReturnUrl"] = "/igf2022/rooms" }, "/account/sign-in?handler=Link");
        var link = await app.LinkFromOutboxAsync(email, "sign-in-link");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var fields = new Dictionary<string, string> { ["Account"] = query["account"]!, ["Code"] = query["code"]!, ["ReturnUrl"] = query["returnUrl"]! };

        var used = await PlenaryApp.SubmitFormAsync(visitor, link, fields, "/account/link");
        used.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        used.Headers.Location!.OriginalString.ShouldBe("/account/sign-in/two-factor?ReturnUrl=%2Figf2022%2Frooms");
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var right = await SecondStepAsync(visitor, Totp.Code(key), "/igf2022/rooms");
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.OriginalString.ShouldBe("/igf2022/rooms");
        (await visitor.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("recovery")]
    public async Task Turning_off_needs_a_current_code_or_a_recovery_code(string with)
    {
        var (email, key, codes) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        await app.SignInAsync(visitor, email);
        await SecondStepAsync(visitor, Totp.Code(key));

        foreach (var bad in new[] { "", Totp.WrongCode(key) })
        {
            var refused = await TurnOffAsync(visitor, bad);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var page = await PlenaryApp.ParseAsync(refused);
            page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Enter a code your authenticator app shows now, or one of your unused recovery codes.");
            page.QuerySelector("#code")!.GetAttribute("aria-invalid").ShouldBe("true");
        }
        (await TwoFactorEnabledAsync(email)).ShouldBeTrue();

        var off = await TurnOffAsync(visitor, with == "app" ? Totp.Code(key) : codes[9]);
        off.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        off.Headers.Location!.OriginalString.ShouldBe("/account/two-factor?off=1");
        (await TwoFactorEnabledAsync(email)).ShouldBeFalse();
        var after = await PlenaryApp.ParseAsync(await visitor.GetAsync(off.Headers.Location.OriginalString));
        after.QuerySelector("[role=status]")!.TextContent.ShouldBe("Two-factor sign-in is off.");
        // A fresh key: the entry left in the app no longer matches.
        after.QuerySelector("#key")!.TextContent.ShouldNotBe(key);
        (await app.InDbAsync(db => db.Outbox.SingleAsync(m => m.To == email && m.Purpose == "two-factor-off"))).Subject
            .ShouldBe("Two-factor sign-in was turned off for your Plenary account");

        var password = await app.SignInAsync(app.CreateVisitor(), email);
        password.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        password.Headers.Location!.OriginalString.ShouldBe("/account");
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var (email, key, old) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        await app.SignInAsync(visitor, email);
        await SecondStepAsync(visitor, Totp.Code(key));

        var made = await PlenaryApp.SubmitFormAsync(visitor, "/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=RecoveryCodes");
        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PlenaryApp.ParseAsync(made);
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("The old ones no longer work.");
        var fresh = RecoveryCodesOn(page);
        fresh.Count.ShouldBe(10);
        fresh.Intersect(old).ShouldBeEmpty();
        (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Purpose == "two-factor-codes"))).ShouldBe(1);

        var withOld = app.CreateVisitor();
        await app.SignInAsync(withOld, email);
        (await RecoveryStepAsync(withOld, old[0])).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await RecoveryStepAsync(withOld, fresh[0])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_password_reset_leaves_two_factor_on()
    {
        var (email, _, _) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        await PlenaryApp.SubmitFormAsync(visitor, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        var link = await app.LinkFromOutboxAsync(email, "reset-password");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var fields = new Dictionary<string, string> { ["Account"] = query["account"]!, ["Code"] = query["code"]!, ["Password"] = "a brand new passphrase" };
        (await PlenaryApp.SubmitFormAsync(visitor, link, fields, "/account/reset-password")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await TwoFactorEnabledAsync(email)).ShouldBeTrue();
        var signedIn = await app.SignInAsync(app.CreateVisitor(), email, "a brand new passphrase");
        signedIn.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in/two-factor");
    }

    [Theory]
    [InlineData("/account/sign-in/two-factor?ReturnUrl=%2Figf2022", "GET")]
    [InlineData("/account/sign-in/two-factor?ReturnUrl=%2Figf2022", "POST")]
    [InlineData("/account/sign-in/two-factor?handler=Recovery&ReturnUrl=%2Figf2022", "POST")]
    public async Task The_second_step_without_a_right_password_sends_people_back_to_sign_in(string url, string method)
    {
        var visitor = app.CreateVisitor();
        var token = (await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/sign-in"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Code"] = "123456", ["RecoveryCode"] = "BCDFG-23467" });
        }
        using var answer = await visitor.SendAsync(request);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.OriginalString.ShouldBe("/account/sign-in?ReturnUrl=%2Figf2022");
    }

    [Fact]
    public async Task The_new_forms_reject_a_post_without_a_valid_antiforgery_token()
    {
        // Turning on, with a right code but no token.
        var offEmail = NewEmail();
        using var off = await app.SignedInVisitorAsync(offEmail);
        var key = await KeyOnPageAsync(off);
        await ExpectForgeryRefusedAsync(off, "/account/two-factor?handler=On", new() { ["Code"] = Totp.Code(key) });
        (await TwoFactorEnabledAsync(offEmail)).ShouldBeFalse();

        // Turning off and making new codes, with a right code but no token.
        var (email, onKey, codes) = await WithTwoFactorAsync();
        var on = app.CreateVisitor();
        await app.SignInAsync(on, email);
        await ExpectForgeryRefusedAsync(on, "/account/sign-in/two-factor", new() { ["Code"] = Totp.Code(onKey) });
        await ExpectForgeryRefusedAsync(on, "/account/sign-in/two-factor?handler=Recovery", new() { ["RecoveryCode"] = codes[0] });
        (await on.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await SecondStepAsync(on, Totp.Code(onKey));
        var stored = await RecoveryCodesStoredAsync(email);
        await ExpectForgeryRefusedAsync(on, "/account/two-factor?handler=Off", new() { ["Code"] = Totp.Code(onKey) });
        await ExpectForgeryRefusedAsync(on, "/account/two-factor?handler=RecoveryCodes", []);
        (await TwoFactorEnabledAsync(email)).ShouldBeTrue();
        (await RecoveryCodesStoredAsync(email)).ShouldBe(stored);
    }

    [Fact]
    public async Task Export_says_two_factor_is_on_but_holds_neither_the_key_nor_the_codes()
    {
        var (email, key, codes) = await WithTwoFactorAsync();
        var visitor = app.CreateVisitor();
        await app.SignInAsync(visitor, email);
        await SecondStepAsync(visitor, Totp.Code(key));
        var text = await (await visitor.GetAsync("/account/export")).Content.ReadAsStringAsync();
        JsonDocument.Parse(text).RootElement.GetProperty("account").GetProperty("twoFactorEnabled").GetBoolean().ShouldBeTrue();
        text.ShouldNotContain(key.Replace(" ", "", StringComparison.Ordinal));
        foreach (var code in codes)
        {
            text.ShouldNotContain(code);
        }
    }

    /// <summary>A confirmed account with two-factor on, turned on through the page, then signed out.</summary>
    private async Task<(string Email, string Key, IReadOnlyList<string> Codes)> WithTwoFactorAsync()
    {
        var email = NewEmail();
        using var visitor = await app.SignedInVisitorAsync(email);
        var key = await KeyOnPageAsync(visitor);
        var on = await TurnOnAsync(visitor, Totp.Code(key));
        on.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (email, key, RecoveryCodesOn(await PlenaryApp.ParseAsync(on)));
    }

    private static async Task<string> KeyOnPageAsync(HttpClient visitor) =>
        (await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/two-factor"))).QuerySelector("#key")!.TextContent;

    private static Task<HttpResponseMessage> TurnOnAsync(HttpClient visitor, string code) =>
        PlenaryApp.SubmitFormAsync(visitor, "/account/two-factor", new Dictionary<string, string> { ["Code"] = code }, "/account/two-factor?handler=On");

    private static Task<HttpResponseMessage> TurnOffAsync(HttpClient visitor, string code) =>
        PlenaryApp.SubmitFormAsync(visitor, "/account/two-factor", new Dictionary<string, string> { ["Code"] = code }, "/account/two-factor?handler=Off");

    private static Task<HttpResponseMessage> SecondStepAsync(HttpClient visitor, string code, string? returnUrl = null, bool remember = false) =>
        PlenaryApp.SubmitFormAsync(visitor, "/account/sign-in/two-factor", new Dictionary<string, string>
        {
            ["Code"] = code, ["ReturnUrl"] = returnUrl ?? "", ["Remember"] = remember ? "true" : "false",
        });

    private static Task<HttpResponseMessage> RecoveryStepAsync(HttpClient visitor, string code) =>
        PlenaryApp.SubmitFormAsync(visitor, "/account/sign-in/two-factor", new Dictionary<string, string> { ["RecoveryCode"] = code },
            "/account/sign-in/two-factor?handler=Recovery");

    private static List<string> RecoveryCodesOn(IHtmlDocument page) => page.QuerySelectorAll(".codes code").Select(c => c.TextContent).ToList();

    private Task<bool> TwoFactorEnabledAsync(string email) => app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.TwoFactorEnabled).SingleAsync());

    private Task<int> FailedAttemptsAsync(string email) => app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.AccessFailedCount).SingleAsync());

    private Task<string?> RecoveryCodesStoredAsync(string email) => app.InDbAsync(db =>
        db.UserTokens.Where(t => t.Name == "RecoveryCodes").Join(db.Users.Where(a => a.Email == email), t => t.UserId, a => a.Id, (t, _) => t.Value).SingleAsync());

    private static async Task ExpectForgeryRefusedAsync(HttpClient visitor, string url, Dictionary<string, string> fields)
    {
        (await visitor.PostAsync(url, new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        fields["__RequestVerificationToken"] = "forged";
        (await visitor.PostAsync(url, new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
    }
}

[Collection("sqlite")]
public sealed class TwoFactorOnSqlite(SqliteApp app) : TwoFactorTests(app);

[Collection("postgres")]
public sealed class TwoFactorOnPostgres(PostgresApp app) : TwoFactorTests(app);

/// <summary>What an authenticator app computes (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps, 6 digits).</summary>
public static class Totp
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The code an app shows now for a key as the page shows it (base32, maybe in groups).</summary>
    public static string Code(string key) => Code(Decode(key), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public static string Code(byte[] key, long unixSeconds)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, unixSeconds / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var number = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A well-formed code that no step near now accepts (the server allows a little clock drift either way).</summary>
    public static string WrongCode(string key)
    {
        var bytes = Decode(key);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var near = Enumerable.Range(-4, 9).Select(step => Code(bytes, now + step * 30L)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(code => !near.Contains(code));
    }

    private static byte[] Decode(string key)
    {
        var bytes = new List<byte>();
        var (buffer, bits) = (0, 0);
        foreach (var c in key.Where(c => c != ' ' && c != '='))
        {
            buffer = (buffer << 5) | Base32.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}

public sealed class TotpTests
{
    [Theory]
    // RFC 6238, appendix B: the SHA-1 vectors, last six digits.
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(20000000000, "353130")]
    public void The_test_helper_computes_the_rfc_6238_codes(long unixSeconds, string expected) =>
        Totp.Code("12345678901234567890"u8.ToArray(), unixSeconds).ShouldBe(expected);
}
