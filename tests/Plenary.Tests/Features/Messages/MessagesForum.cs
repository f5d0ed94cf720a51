using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Features.Forums;
using Plenary.Kernel.Access;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using RegistrationRow = Plenary.Features.Registrations.Registration;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Messages;

/// <summary>
/// A small forum of its own per test, with a known set of sessions, outputs, speakers and registrations, so the gathered
/// takeaways and the figures can be stated exactly and no other test's messages or publication get in the way.
/// Subtheme "access": WS #1 and Open Forum #2, held; WS #3, cancelled; WS #4, still to come. Subtheme "trust": WS #5, held.
/// </summary>
public sealed record MessagesForum(string Slug, Dictionary<string, int> Sessions)
{
    public static readonly DateTime Past = new(2025, 6, 10, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Future = new(2040, 6, 10, 9, 0, 0, DateTimeKind.Utc);

    public static async Task<MessagesForum> MakeAsync(PlenaryApp app)
    {
        var slug = $"msg-{Guid.NewGuid():N}"[..16];
        var ids = new Dictionary<string, int>();
        await app.InDbAsync(async db =>
        {
            var forum = new Forum
            {
                Slug = slug, Name = $"Messages IGF {slug}", Year = 2025, HostCity = "Lillestrøm", Venue = "Nova Spektrum", TimeZoneId = "Europe/Oslo",
                FirstDay = new DateOnly(2025, 6, 10), LastDay = new DateOnly(2025, 6, 12), Theme = "Building digital governance together", Languages = ["en"],
                SessionTypes = SessionType.IgfUsual(),
                Subthemes = [new Subtheme { Slug = "access", Name = "Universal access", Position = 1 }, new Subtheme { Slug = "trust", Name = "Trust and security", Position = 2 }],
            };
            db.Forums.Add(forum);
            await db.SaveChangesAsync();
            var ws = forum.SessionTypes.Single(t => t.Code == "WS").Id;
            var of = forum.SessionTypes.Single(t => t.Code == "OF").Id;
            var access = forum.Subthemes.Single(s => s.Slug == "access").Id;
            var trust = forum.Subthemes.Single(s => s.Slug == "trust").Id;

            Person P(string name, StakeholderGroup? group, RegionalGroup? region) => new() { Name = name, StakeholderGroup = group, RegionalGroup = region };
            var government = P("Amina Diallo", StakeholderGroup.Government, RegionalGroup.AfricanGroup);
            var civil = P("Jonas Berg", StakeholderGroup.CivilSociety, RegionalGroup.Weog);
            var unstated = P("Kim Lee", null, null);
            var business = P("Priya Raman", StakeholderGroup.PrivateSector, RegionalGroup.AsiaPacificGroup);
            var notCounted = P("Ola Nordmann", StakeholderGroup.Academia, RegionalGroup.Weog);
            db.People.AddRange(government, civil, unstated, business, notCounted);
            await db.SaveChangesAsync();

            Session S(int type, int number, string title, int subtheme, DateTime start, SessionStatus status, int[] goals, Person[] speakers, params (TakeawayKind Kind, string Text)[] outputs)
            {
                var session = new Session
                {
                    ForumId = forum.Id, TypeId = type, Number = number, Title = title, LengthMinutes = 60, SubthemeId = subtheme,
                    StartsAt = start, EndsAt = start.AddMinutes(60), Status = status,
                    Sdgs = goals.Select(g => new SessionSdg { Goal = g }).ToList(),
                    Roles = speakers.Select((p, i) => new SessionRole { PersonId = p.Id, Kind = SessionRoleKind.Speaker, Position = i }).ToList(),
                    Takeaways = outputs.Select((o, i) => new Takeaway
                    {
                        Kind = o.Kind, Text = o.Text, Position = i + 1, Addressee = o.Kind == TakeawayKind.CallToAction ? CallToActionAddressee.Governments : null,
                    }).ToList(),
                };
                db.Sessions.Add(session);
                return session;
            }
            var ws1 = S(ws, 1, "Community networks", access, Past, SessionStatus.Scheduled, [9, 5], [government, civil, unstated],
                (TakeawayKind.KeyTakeaway, "Community networks connect the last mile."), (TakeawayKind.CallToAction, "License spectrum for community networks."));
            ws1.Report = new SessionReport { Body = "Discussion.", OnsiteParticipants = 40, OnlineParticipants = 60 };
            ws1.GenderReport = new GenderReport { ParticipantCount = 100, WomenAndGenderDiversePercent = 50 };
            var of2 = S(of, 2, "Spectrum policy", access, Past.AddHours(2), SessionStatus.Scheduled, [9], [government, business],
                (TakeawayKind.KeyTakeaway, "Spectrum sharing works in rural areas."));
            of2.Report = new SessionReport { Body = "Discussion.", OnsiteParticipants = 30 };
            of2.GenderReport = new GenderReport { ParticipantCount = 50, WomenAndGenderDiversePercent = 20 };
            var ws3 = S(ws, 3, "Cancelled workshop", access, Past.AddHours(4), SessionStatus.Cancelled, [9], [notCounted],
                (TakeawayKind.KeyTakeaway, "A takeaway of a cancelled session."));
            ws3.Report = new SessionReport { Body = "Never held.", OnsiteParticipants = 500 };
            var ws4 = S(ws, 4, "Satellites tomorrow", access, Future, SessionStatus.Scheduled, [4], [notCounted],
                (TakeawayKind.KeyTakeaway, "Low-orbit satellites reach islands."));
            ws4.Report = new SessionReport { Body = "Ahead of time.", OnsiteParticipants = 999 };
            var ws5 = S(ws, 5, "Trust online", trust, Past.AddDays(1), SessionStatus.Scheduled, [16], [civil],
                (TakeawayKind.KeyTakeaway, "Trust needs transparency."));
            await db.SaveChangesAsync();
            foreach (var s in new[] { ws1, of2, ws3, ws4, ws5 })
            {
                ids[$"{(s.TypeId == ws ? "ws" : "of")}-{s.Number}"] = s.Id;
            }

            // Registrations: two people checked in (one on two days), one online, a hub of 25, and a pending online one not counted.
            async Task<RegistrationRow> R(AttendanceMode mode, RegistrationStatus status, int? headcount = null)
            {
                var person = P($"Registrant {Guid.NewGuid():N}"[..20], null, null);
                db.People.Add(person);
                await db.SaveChangesAsync();
                var email = $"{Guid.NewGuid():N}@example.org";
                var account = new Account { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), PersonId = person.Id, CreatedAt = Past };
                db.Users.Add(account);
                await db.SaveChangesAsync();
                var registration = new RegistrationRow
                {
                    ForumId = forum.Id, AccountId = account.Id, PersonId = person.Id, Mode = mode, Status = status, HubName = headcount is null ? null : "Hub",
                    HubHeadcount = headcount, CreatedAt = Past, UpdatedAt = Past, BadgeSecret = RegistrationRow.NewBadgeSecret(),
                };
                db.Registrations.Add(registration);
                await db.SaveChangesAsync();
                return registration;
            }
            var first = await R(AttendanceMode.Onsite, RegistrationStatus.Approved);
            var second = await R(AttendanceMode.Onsite, RegistrationStatus.Approved);
            await R(AttendanceMode.Online, RegistrationStatus.Approved);
            await R(AttendanceMode.RemoteHub, RegistrationStatus.Approved, 25);
            await R(AttendanceMode.Online, RegistrationStatus.Pending);
            db.CheckIns.AddRange(
                new CheckIn { RegistrationId = first.Id, ForumId = forum.Id, Day = forum.FirstDay, At = Past },
                new CheckIn { RegistrationId = first.Id, ForumId = forum.Id, Day = forum.LastDay, At = Past.AddDays(2) },
                new CheckIn { RegistrationId = second.Id, ForumId = forum.Id, Day = forum.FirstDay, At = Past });
            await db.SaveChangesAsync();
        });
        return new MessagesForum(slug, ids);
    }

    /// <summary>A signed-in account the Secretariat named as an editor of this forum's messages.</summary>
    public Task<HttpClient> EditorAsync(PlenaryApp app) =>
        app.SignedInVisitorAsync($"editor{Guid.NewGuid():N}@example.org", async (db, id) =>
        {
            var forumId = await db.Forums.Where(f => f.Slug == Slug).Select(f => f.Id).SingleAsync();
            db.ForumMembers.Add(new ForumMember { ForumId = forumId, AccountId = id, Role = ForumRole.MessageEditor, AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
}
