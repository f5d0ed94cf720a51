using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Accounts;
using Plenary.Features.People;
using Plenary.Features.Queue;
using Plenary.Features.Registrations;
using Plenary.Features.Sessions;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Reports;

/// <summary>The figures Plenary recorded (check-ins in the room, the speaking queue) are offered to the writer, never forced on them.</summary>
public abstract class KnownFiguresTests(PlenaryApp app)
{
    [Fact]
    public async Task Recorded_figures_fill_only_the_empty_fields_when_asked_and_everything_typed_is_kept()
    {
        var start = new DateTime(2031, 4, 2, 9, 0, 0, DateTimeKind.Utc);
        var session = await ReminderTestData.PlacedSessionAsync(app, 10320, start, "Figures test session");
        await app.InDbAsync(async db =>
        {
            if (await db.Hands.AnyAsync(h => h.SessionId == session.Id))
            {
                return;
            }
            var rooms = await db.Rooms.Where(r => r.ForumId == session.ForumId).OrderBy(r => r.Id).Select(r => r.Id).Take(2).ToListAsync();
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.RoomId, rooms[0]));
            // Five arrivals: three in the room during the session (two women or gender-diverse, one man), one too early, one elsewhere.
            var arrivals = new (Gender? Gender, int Room, DateTime At)[]
            {
                (Gender.Woman, rooms[0], start.AddMinutes(-10)), (Gender.NonBinaryOrGenderDiverse, rooms[0], start.AddMinutes(20)), (Gender.Man, rooms[0], start.AddMinutes(40)),
                (Gender.Woman, rooms[0], start.AddHours(-2)), (Gender.Woman, rooms[1], start.AddMinutes(5)),
            };
            foreach (var (gender, room, at) in arrivals)
            {
                var tag = Guid.NewGuid().ToString("N");
                var person = new Person { Name = $"Arrival {tag[..6]}", Gender = gender };
                db.People.Add(person);
                await db.SaveChangesAsync();
                var account = new Account { UserName = $"{tag}@example.org", Email = $"{tag}@example.org", PersonId = person.Id, CreatedAt = start };
                db.Users.Add(account);
                await db.SaveChangesAsync();
                var registration = new Plenary.Features.Registrations.Registration
                {
                    ForumId = session.ForumId, AccountId = account.Id, PersonId = person.Id, Mode = AttendanceMode.Onsite, Gender = gender,
                    Status = RegistrationStatus.Approved, CreatedAt = start, UpdatedAt = start, BadgeSecret = tag[..12],
                };
                db.Registrations.Add(registration);
                await db.SaveChangesAsync();
                db.CheckIns.Add(new CheckIn { RegistrationId = registration.Id, ForumId = session.ForumId, Day = DateOnly.FromDateTime(at), At = at, RoomId = room });
                var speaker = gender == Gender.Woman && room == rooms[0] && at > start.AddMinutes(-15) ? person.Id : (int?)null;
                if (speaker is not null)
                {
                    db.Hands.Add(new Hand { SessionId = session.Id, PersonId = speaker, AccountId = account.Id, Name = person.Name, Mode = ParticipationMode.Online, State = HandState.Spoke,
                        Place = 1, RaisedAt = start.AddMinutes(30), FloorAt = start.AddMinutes(31), DoneAt = start.AddMinutes(33), SpokeSeconds = 120 });
                }
            }
            await db.SaveChangesAsync();
        });
        using var rapporteur = await app.HolderOfSessionRoleAsync(session, SessionRoleKind.Rapporteur);
        var page = $"/{session.Forum.Slug}/sessions/{session.Key}/report";

        var offered = await PlenaryApp.ParseAsync(await rapporteur.GetAsync(page));
        var notice = offered.QuerySelector("#known-figures")!.TextContent;
        notice.ShouldContain("while it ran: 3.");
        notice.ShouldContain("among the 3 arrivals who declared a gender at registration: 67 %");
        notice.ShouldContain("1 interventions by 1 people, 0 onsite and 1 online; by gender where declared: 1 by women");
        offered.QuerySelector("#onsite")!.GetAttribute("value").ShouldBeNullOrEmpty("nothing is filled until the writer asks");

        var answer = await PlenaryApp.SubmitFormAsync(rapporteur, page, new Dictionary<string, string>
        {
            ["Form.Takeaway1"] = "Typed before asking for the figures.", ["Form.Participants"] = "55", ["Form.Onsite"] = "",
        }, $"{page}?handler=Figures");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var filled = await PlenaryApp.ParseAsync(answer);
        filled.QuerySelector("#onsite")!.GetAttribute("value").ShouldBe("3");
        filled.QuerySelector("#participants")!.GetAttribute("value").ShouldBe("55", "a figure the writer typed is kept");
        filled.QuerySelector("#women-percent")!.GetAttribute("value").ShouldBe("67");
        filled.QuerySelector("#takeaway1")!.TextContent.ShouldBe("Typed before asking for the figures.");
        filled.QuerySelector("#figures-filled")!.TextContent.ShouldContain("Participants onsite");

        var draft = await app.InDbAsync(db => db.SessionReporting.Where(r => r.SessionId == session.Id).Select(r => r.Draft!).SingleAsync());
        draft!.ShouldContain("\"onsite\":\"3\"");
        draft.ShouldContain("Typed before asking for the figures.");
        (await app.InDbAsync(db => db.SessionReports.AnyAsync(r => r.SessionId == session.Id))).ShouldBeFalse("nothing is submitted");
    }
}

[Collection("sqlite")]
public sealed class KnownFiguresOnSqlite(SqliteApp app) : KnownFiguresTests(app);

[Collection("postgres")]
public sealed class KnownFiguresOnPostgres(PostgresApp app) : KnownFiguresTests(app);
