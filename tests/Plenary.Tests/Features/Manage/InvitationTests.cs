using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Forums;
using Plenary.Features.Manage;
using Plenary.Features.People;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Kernel.Access;

namespace Plenary.Tests.Features.Manage;

/// <summary>
/// The Secretariat invites people by e-mail into a role, or to claim a person listed on sessions; the person
/// accepts from the link, signed in with the invited address. Links work once, die when withdrawn, expired or sent
/// again, and are refused with a clear page otherwise.
/// </summary>
public abstract class InvitationTests(PlenaryApp app)
{
    private const string Page = "/igf2022/manage/invitations";

    private static string NewEmail(string who) => $"{who}{Guid.NewGuid():N}@example.org";

    private static Task<HttpResponseMessage> InviteAsync(HttpClient visitor, string email, string role = "Reviewer", string forum = "igf2022", int? person = null, string language = "en")
    {
        var page = $"/{forum}/manage/invitations" + (person is null ? "" : $"?person={person}");
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Role"] = role, ["Language"] = language };
        if (person is not null)
        {
            fields["person"] = person.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return PlenaryApp.SubmitFormAsync(visitor, page, fields, $"/{forum}/manage/invitations?handler=Send");
    }

    private Task<int> InvitationIdAsync(string email) =>
        app.InDbAsync(db => db.Invitations.Where(i => i.Email == email).OrderByDescending(i => i.Id).Select(i => i.Id).FirstAsync());

    private static Task<HttpResponseMessage> AcceptAsync(HttpClient visitor, string link) =>
        PlenaryApp.SubmitFormAsync(visitor, link, new Dictionary<string, string> { ["Code"] = CodeOf(link) }, new Uri(new Uri("http://localhost"), link).AbsolutePath);

    private static string CodeOf(string link) => System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), link).Query)["code"]!;

    private static string Alert(IHtmlDocument page) => page.QuerySelector("[role=alert]")?.TextContent ?? "";

    private static string Href(IHtmlDocument page, string startsWith) =>
        page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href") ?? "").First(h => h.StartsWith(startsWith, StringComparison.Ordinal));

    [Fact]
    public async Task A_new_address_invited_as_reviewer_signs_up_through_the_link_accepts_and_is_on_the_team()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("newrev");
        var sent = await InviteAsync(secretariat, email);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "invitation.send" && e.Subject == email))).ShouldBeTrue();
        var stored = await app.InDbAsync(db => db.Invitations.SingleAsync(i => i.Email == email));
        var link = await app.LinkFromOutboxAsync(email, "invitation");
        stored.CodeHash.ShouldBe(Sha256Hex.Of(CodeOf(link)).ToUpperInvariant(), "the SHA-256 of the code in the link, in upper-case hexadecimal");
        stored.ExpiresAt.ShouldBe(stored.SentAt.AddDays(14));

        // Not signed in: the page says what is offered and leads to sign-up with the address filled in.
        using var newcomer = app.CreateVisitor();
        var landing = await PlenaryApp.ParseAsync(await newcomer.GetAsync(link));
        landing.QuerySelector("main")!.TextContent.ShouldContain("a reviewer of session proposals");
        var signUp = Href(landing, "/account/sign-up");
        (await PlenaryApp.ParseAsync(await newcomer.GetAsync(signUp))).QuerySelector("input[name=Email]")!.GetAttribute("value").ShouldBe(email);
        var returnUrl = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), signUp).Query)["returnUrl"]!;
        (await PlenaryApp.SubmitFormAsync(newcomer, signUp, new Dictionary<string, string>
        {
            ["Email"] = email, ["Name"] = "Kwame Mensah", ["Password"] = "solar wind over Addis", ["ReturnUrl"] = returnUrl,
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Confirming, then signing in, comes back to the invitation.
        var confirmed = await PlenaryApp.ParseAsync(await newcomer.GetAsync(await app.LinkFromOutboxAsync(email, "confirm-email")));
        var signIn = Href(confirmed, "/account/sign-in");
        var signedIn = await PlenaryApp.SubmitFormAsync(newcomer, signIn, new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = "solar wind over Addis", ["ReturnUrl"] = returnUrl,
        });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe(link);

        var accepted = await AcceptAsync(newcomer, link);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await newcomer.GetAsync(link);
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PlenaryApp.ParseAsync(done)).QuerySelector("[role=status]")!.TextContent.ShouldContain("you are now a reviewer of session proposals");

        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => m.Role == ForumRole.Reviewer && db.Users.Any(a => a.Id == m.AccountId && a.Email == email)))).ShouldBeTrue();
        var team = await PlenaryApp.ParseAsync(await secretariat.GetAsync("/igf2022/manage/team"));
        team.QuerySelectorAll("ul.team li").Select(li => li.TextContent).ShouldContain(t => t.Contains("Kwame Mensah") && t.Contains(email));
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "invitation.accept" && e.Subject == email))).ShouldBeTrue();
        var list = await PlenaryApp.ParseAsync(await secretariat.GetAsync(Page));
        list.QuerySelectorAll("table.invitations tr").Single(tr => tr.TextContent.Contains(email)).TextContent.ShouldContain("Accepted");

        // The link has done its work: anyone else opening it is told so.
        var again = await app.Client.GetAsync(link);
        again.StatusCode.ShouldBe(HttpStatusCode.Gone);
        Alert(await PlenaryApp.ParseAsync(again)).ShouldContain("already been used");
    }

    [Fact]
    public async Task An_existing_account_is_invited_too_and_holds_the_role_only_once_it_accepts()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("hasacc");
        using var invitee = await app.SignedInVisitorAsync(email);
        (await InviteAsync(secretariat, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => db.Users.Any(a => a.Id == m.AccountId && a.Email == email)))).ShouldBeFalse();

        var link = await app.LinkFromOutboxAsync(email, "invitation");
        var page = await PlenaryApp.ParseAsync(await invitee.GetAsync(link));
        page.QuerySelector("main form[method=post] button")!.TextContent.ShouldBe("Accept the invitation");
        (await AcceptAsync(invitee, link)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => m.Role == ForumRole.Reviewer && db.Users.Any(a => a.Id == m.AccountId && a.Email == email)))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_Secretariat_cannot_invite_into_the_Secretariat_but_an_administrator_can()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("newsec");
        var refused = await InviteAsync(secretariat, email, "Secretariat");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Alert(await PlenaryApp.ParseAsync(refused)).ShouldContain("Only a site administrator");
        (await app.InDbAsync(db => db.Invitations.AnyAsync(i => i.Email == email))).ShouldBeFalse();

        using var admin = await app.AdministratorAsync();
        (await InviteAsync(admin, email, "Secretariat")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await InvitationIdAsync(email);
        (await app.InDbAsync(db => db.Invitations.SingleAsync(i => i.Id == id))).Role.ShouldBe(ForumRole.Secretariat);

        // Nor can the Secretariat withdraw what only an administrator may send.
        var withdraw = await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string>(), $"{Page}?handler=Withdraw&invitation={id}");
        withdraw.Headers.Location!.PathAndQuery.ShouldStartWith("/account/denied");
        (await app.InDbAsync(db => db.Invitations.SingleAsync(i => i.Id == id))).WithdrawnAt.ShouldBeNull();

        using var invitee = await app.SignedInVisitorAsync(email);
        (await AcceptAsync(invitee, await app.LinkFromOutboxAsync(email, "invitation"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => m.Role == ForumRole.Secretariat && db.Users.Any(a => a.Id == m.AccountId && a.Email == email)))).ShouldBeTrue();
    }

    [Fact]
    public async Task Claiming_a_listed_speaker_moves_their_session_roles_to_the_account()
    {
        var (forum, sessionKey, listed) = await ForumWithListedSpeakerAsync("Fatou Ndiaye");
        // What the Secretariat recorded about the listed person beyond roles (here, when they can speak) goes with them.
        await app.InDbAsync(async db =>
        {
            var forumId = await db.Forums.Where(f => f.Slug == forum).Select(f => f.Id).SingleAsync();
            db.Add(new Plenary.Features.Timetable.PersonAvailability { ForumId = forumId, PersonId = listed, Day = new DateOnly(2026, 6, 2), StartMinutes = 540, EndMinutes = 720 });
            await db.SaveChangesAsync();
        });
        using var secretariat = await app.SecretariatOfAsync(forum);
        var form = await PlenaryApp.ParseAsync(await secretariat.GetAsync($"/{forum}/manage/invitations?person={listed}"));
        form.QuerySelector("main h2")!.TextContent.ShouldContain("Fatou Ndiaye");
        var before = await PlenaryApp.ParseAsync(await app.Client.GetAsync($"/{forum}/sessions/{sessionKey}"));
        before.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain($"/people/{listed}");

        var email = NewEmail("claim");
        (await InviteAsync(secretariat, email, forum: forum, person: listed)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var message = await app.InDbAsync(db => db.Outbox.Where(m => m.To == email && m.Purpose == "invitation").Select(m => m.TextBody).SingleAsync());
        message.ShouldContain("you are listed as Fatou Ndiaye");
        message.ShouldContain("Claims and counterclaims");

        using var claimant = await app.SignedInVisitorAsync(email);
        var link = await app.LinkFromOutboxAsync(email, "invitation");
        (await PlenaryApp.ParseAsync(await claimant.GetAsync(link))).QuerySelector("main")!.TextContent.ShouldContain("Claims and counterclaims");
        (await AcceptAsync(claimant, link)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var own = await app.InDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.PersonId).SingleAsync());
        var holders = await app.InDbAsync(db => db.SessionRoles.Where(r => db.Sessions.Any(s => s.Id == r.SessionId && s.Forum.Slug == forum)).Select(r => r.PersonId).ToListAsync());
        holders.Count.ShouldBe(2);
        holders.ShouldAllBe(p => p == own);
        (await app.InDbAsync(db => db.People.AnyAsync(p => p.Id == listed))).ShouldBeFalse();
        (await app.InDbAsync(db => db.People.Where(p => p.Id == own).Select(p => p.Affiliation).SingleAsync())).ShouldBe("Dakar Digital Rights Lab");
        var after = await PlenaryApp.ParseAsync(await app.Client.GetAsync($"/{forum}/sessions/{sessionKey}"));
        var people = after.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        people.ShouldContain($"/people/{own}");
        people.ShouldNotContain($"/people/{listed}");
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "invitation.accept" && e.Subject == email))).ShouldBeTrue();
        (await app.InDbAsync(db => db.Set<Plenary.Features.Timetable.PersonAvailability>().Select(w => w.PersonId).ToListAsync()))
            .Where(p => p == listed || p == own).ShouldBe([own], "the availability recorded for the listed person is the account's person's now");
        var old = await app.Client.GetAsync($"/people/{listed}");
        old.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently, "the listed person's address leads to the account's profile");
        old.Headers.Location!.OriginalString.ShouldEndWith($"/people/{own}");
    }

    [Fact]
    public async Task A_person_who_already_has_an_account_cannot_be_offered_to_anyone_else()
    {
        var (forum, _, listed) = await ForumWithListedSpeakerAsync("Ana Souza");
        using var secretariat = await app.SecretariatOfAsync(forum);
        var first = NewEmail("first");
        await InviteAsync(secretariat, first, forum: forum, person: listed);
        var second = NewEmail("second");
        await InviteAsync(secretariat, second, forum: forum, person: listed);
        using var claimant = await app.SignedInVisitorAsync(first);
        (await AcceptAsync(claimant, await app.LinkFromOutboxAsync(first, "invitation"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The record is merged away: the other invitation says so, and the person cannot be offered again.
        var late = await app.Client.GetAsync(await app.LinkFromOutboxAsync(second, "invitation"));
        late.StatusCode.ShouldBe(HttpStatusCode.Gone);
        Alert(await PlenaryApp.ParseAsync(late)).ShouldContain("Ana Souza has since been claimed");
        (await secretariat.GetAsync($"/{forum}/manage/invitations?person={listed}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tampered_and_unknown_links_are_refused_as_not_valid()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("tamper");
        await InviteAsync(secretariat, email);
        var link = await app.LinkFromOutboxAsync(email, "invitation");
        var code = CodeOf(link);
        var tampered = link.Replace(code, (code[0] == 'A' ? "B" : "A") + code[1..], StringComparison.Ordinal);
        foreach (var url in new[] { tampered, link.Split('?')[0], "/invitations/99999999?code=" + code, "/invitations/abc?code=x" })
        {
            var answer = await app.Client.GetAsync(url);
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            Alert(await PlenaryApp.ParseAsync(answer)).ShouldContain("This invitation link is not valid", Case.Sensitive, url);
        }
    }

    [Fact]
    public async Task Withdrawn_and_expired_invitations_are_refused_with_their_reason()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var withdrawn = NewEmail("wdr");
        await InviteAsync(secretariat, withdrawn);
        var id = await InvitationIdAsync(withdrawn);
        (await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string>(), $"{Page}?handler=Withdraw&invitation={id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "invitation.withdraw" && e.Subject == withdrawn))).ShouldBeTrue();
        var answer = await app.Client.GetAsync(await app.LinkFromOutboxAsync(withdrawn, "invitation"));
        answer.StatusCode.ShouldBe(HttpStatusCode.Gone);
        Alert(await PlenaryApp.ParseAsync(answer)).ShouldContain("withdrawn");

        var expired = NewEmail("exp");
        await InviteAsync(secretariat, expired);
        using var invitee = await app.SignedInVisitorAsync(expired);
        await app.InDbAsync(db => db.Invitations.Where(i => i.Email == expired).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var link = await app.LinkFromOutboxAsync(expired, "invitation");
        var late = await invitee.GetAsync(link);
        late.StatusCode.ShouldBe(HttpStatusCode.Gone);
        Alert(await PlenaryApp.ParseAsync(late)).ShouldContain("expired");
        (await AcceptAsync(invitee, link)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => db.Users.Any(a => a.Id == m.AccountId && a.Email == expired)))).ShouldBeFalse();
        (await PlenaryApp.ParseAsync(await secretariat.GetAsync(Page))).QuerySelectorAll("table.invitations tr")
            .Single(tr => tr.TextContent.Contains(expired)).TextContent.ShouldContain("Expired");
    }

    [Fact]
    public async Task Signed_in_as_another_account_the_invitation_is_refused_and_nothing_changes()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("meant");
        await InviteAsync(secretariat, email);
        var link = await app.LinkFromOutboxAsync(email, "invitation");
        var stranger = NewEmail("other");
        using var other = await app.SignedInVisitorAsync(stranger);

        var page = await PlenaryApp.ParseAsync(await other.GetAsync(link));
        Alert(page).ShouldContain($"You are signed in as {stranger}, but this invitation was sent to {email}");
        page.QuerySelector("main form[method=post]").ShouldBeNull();
        (await AcceptAsync(other, link)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.InDbAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.AcceptedAt).SingleAsync())).ShouldBeNull();
        (await app.InDbAsync(db => db.ForumMembers.AnyAsync(m => db.Users.Any(a => a.Id == m.AccountId && a.Email == stranger)))).ShouldBeFalse();
    }

    [Fact]
    public async Task Sending_again_makes_a_new_link_and_the_old_one_dies()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("resend");
        await InviteAsync(secretariat, email);
        var first = await app.LinkFromOutboxAsync(email, "invitation");
        var id = await InvitationIdAsync(email);
        (await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string>(), $"{Page}?handler=Resend&invitation={id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await app.LinkFromOutboxAsync(email, "invitation");
        second.ShouldNotBe(first);
        (await app.InDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "invitation.resend" && e.Subject == email))).ShouldBeTrue();

        (await app.Client.GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Client.GetAsync(second)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_address_gets_at_most_the_hourly_number_of_invitation_messages()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("flood");
        await InviteAsync(secretariat, email);
        var id = await InvitationIdAsync(email);
        var resend = $"{Page}?handler=Resend&invitation={id}";
        (await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string>(), resend)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string>(), resend)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var fourth = await PlenaryApp.SubmitFormAsync(secretariat, Page, new Dictionary<string, string>(), resend);
        fourth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        Alert(await PlenaryApp.ParseAsync(fourth)).ShouldContain("several times in the last hour");
        (await app.InDbAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Purpose == "invitation"))).ShouldBe(3);
    }

    [Fact]
    public async Task The_message_is_in_the_existing_accounts_language_or_else_the_one_chosen()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var francophone = NewEmail("fr");
        (await app.SignedInVisitorAsync(francophone)).Dispose();
        await app.InDbAsync(db => db.Users.Where(a => a.Email == francophone).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredLanguage, "fr")));
        await InviteAsync(secretariat, francophone, language: "en");
        var newcomer = NewEmail("new");
        await InviteAsync(secretariat, newcomer, language: "fr");
        var anglophone = NewEmail("en");
        await InviteAsync(secretariat, anglophone, language: "en");

        async Task<(string Subject, string Text)> MessageTo(string to) =>
            await app.InDbAsync(db => db.Outbox.Where(m => m.To == to && m.Purpose == "invitation").Select(m => new ValueTuple<string, string>(m.Subject, m.TextBody)).SingleAsync());
        (await MessageTo(francophone)).Subject.ShouldStartWith("Invitation à");
        (await MessageTo(newcomer)).Text.ShouldContain("vous invite à rejoindre les évaluateurs");
        (await MessageTo(anglophone)).Subject.ShouldStartWith("Invitation to");
        (await MessageTo(anglophone)).Text.ShouldContain("/invitations/");
    }

    [Fact]
    public async Task Unknown_roles_and_languages_are_refused_with_a_message()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("bad");
        var role = await InviteAsync(secretariat, email, "Emperor");
        role.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Alert(await PlenaryApp.ParseAsync(role)).ShouldContain("Choose a role from the list.");
        var language = await InviteAsync(secretariat, email, language: "tlh");
        language.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await PlenaryApp.ParseAsync(language);
        Alert(page).ShouldContain("Choose a language from the list.");
        page.QuerySelector("#language")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await app.InDbAsync(db => db.Invitations.AnyAsync(i => i.Email == email))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_accept_form_refuses_a_post_without_its_antiforgery_token()
    {
        using var secretariat = await app.SecretariatOfAsync("igf2022");
        var email = NewEmail("csrf");
        await InviteAsync(secretariat, email);
        using var invitee = await app.SignedInVisitorAsync(email);
        var link = await app.LinkFromOutboxAsync(email, "invitation");

        var forged = await invitee.PostAsync(link.Split('?')[0], new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = CodeOf(link) }));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await forged.Content.ReadAsStringAsync());
        (await app.InDbAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.AcceptedAt).SingleAsync())).ShouldBeNull();
    }

    /// <summary>A forum of its own with one session whose speaker (and rapporteur) has no account, so the demo stays as other tests expect it.</summary>
    private async Task<(string Forum, string SessionKey, int PersonId)> ForumWithListedSpeakerAsync(string name)
    {
        var slug = $"claim-{Guid.NewGuid():N}"[..20];
        return await app.InDbAsync(async db =>
        {
            var forum = new Forum
            {
                Slug = slug, Name = "Claim Forum 2026", Year = 2026, HostCity = "Dakar", Venue = "CICAD", TimeZoneId = "Africa/Dakar",
                FirstDay = new DateOnly(2026, 6, 1), LastDay = new DateOnly(2026, 6, 3), Theme = "Claims", Languages = ["en", "fr"],
            };
            var type = new SessionType { Code = "WS", Name = "Workshop", NumberLabel = "Workshop", DefaultLengthMinutes = 60, Position = 1 };
            forum.SessionTypes.Add(type);
            var person = new Person { Name = name, Affiliation = "Dakar Digital Rights Lab" };
            db.AddRange(forum, person);
            await db.SaveChangesAsync();
            var session = new Session
            {
                ForumId = forum.Id, TypeId = type.Id, Number = 7, Title = "Claims and counterclaims", Format = SessionFormat.Panel,
                Layout = Plenary.Features.Rooms.RoomLayout.Theater, LengthMinutes = 60, Status = SessionStatus.Scheduled,
                Roles =
                [
                    new SessionRole { Kind = SessionRoleKind.Speaker, PersonId = person.Id, Position = 1 },
                    new SessionRole { Kind = SessionRoleKind.Rapporteur, PersonId = person.Id, Position = 1 },
                ],
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return (slug, "ws-7", person.Id);
        });
    }
}

[Collection("sqlite")]
public sealed class InvitationOnSqlite(SqliteApp app) : InvitationTests(app);

[Collection("postgres")]
public sealed class InvitationOnPostgres(PostgresApp app) : InvitationTests(app);
