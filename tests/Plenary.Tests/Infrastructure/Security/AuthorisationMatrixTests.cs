using System.Net;
using Microsoft.EntityFrameworkCore;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Infrastructure.Security;

/// <summary>
/// Every endpoint of the app, for every kind of visitor, with the expected answer written down as data. A new
/// endpoint without a row fails the first test, so no page or API call ships unconsidered.
/// Visitors: anonymous; a participant (a confirmed, signed-in account without any role); the speaker, an organiser and
/// the rapporteur of the matrix session ({session}); the organiser of another session of the same forum; a reviewer, the
/// Secretariat of the demo forum; the Secretariat of another forum; a site administrator.
/// </summary>
public abstract class AuthorisationMatrixTests(PlenaryApp app)
{
    private const string Denied = "302 /account/denied";

    /// <summary>
    /// Endpoint, the URL tried ({room} and {person} are real ids, {subtheme} a real slug), then the answers, in the order of <see cref="Visitors"/>:
    /// anonymous | participant | speaker | organiser | other organiser | rapporteur | reviewer | Secretariat of igf2022 |
    /// Secretariat of another forum | administrator.
    /// </summary>
    public static readonly TheoryData<string, string, string> Matrix = new()
    {
        { "GET /{forum}/manage", "/igf2022/manage", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage", "/igf2022/manage", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/team", "/igf2022/manage/team", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/team", "/igf2022/manage/team?handler=Add", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/rooms", "/igf2022/manage/rooms", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/rooms", "/igf2022/manage/rooms?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/audit", "/igf2022/manage/audit", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "GET /{forum}/manage/sessions", "/igf2022/manage/sessions", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "GET /{forum}/manage/sessions/new", "/igf2022/manage/sessions/new", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/sessions/new", "/igf2022/manage/sessions/new?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/sessions/{key}/edit", "/igf2022/sessions/{session}/edit", $"302 /account/sign-in|{Denied}|{Denied}|200|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/sessions/{key}/edit", "/igf2022/sessions/{session}/edit?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|400|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        // Outputs: the matrix session's rapporteur and organisers, the Secretariat and administrators write them (200: allowed, and the form back, telling them it has no takeaway).
        { "GET /{forum}/sessions/{key}/report", "/igf2022/sessions/{session}/report", $"302 /account/sign-in|{Denied}|{Denied}|200|{Denied}|200|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/sessions/{key}/report", "/igf2022/sessions/{session}/report?handler=SubmitTakeaways", $"302 /account/sign-in|{Denied}|{Denied}|400|{Denied}|400|{Denied}|400|{Denied}|400" },
        // Drafting takeaways from the transcript is a handler of the same form, refused alike (200: allowed, and the form back, telling them the session has no transcript).
        { "POST /{forum}/sessions/{key}/report", "/igf2022/sessions/{session}/report?handler=Draft", $"302 /account/sign-in|{Denied}|{Denied}|200|{Denied}|200|{Denied}|200|{Denied}|200" },
        { "GET /{forum}/sessions/{key}/report/history", "/igf2022/sessions/{session}/report/history", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "GET /{forum}/reports.atom", "/igf2022/reports.atom", "200|200|200|200|200|200|200|200|200|200" },
        // The transcript: the session's writers (400: allowed, and told the empty form holds no transcript).
        { "GET /{forum}/sessions/{key}/transcript", "/igf2022/sessions/{session}/transcript", $"302 /account/sign-in|{Denied}|{Denied}|200|{Denied}|200|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/sessions/{key}/transcript", "/igf2022/sessions/{session}/transcript", $"302 /account/sign-in|{Denied}|{Denied}|400|{Denied}|400|{Denied}|400|{Denied}|400" },
        // Translations: the session's writers (rapporteur, organisers, Secretariat) translate its outputs, its editors its record too
        // (400: allowed, and refused the POST without its antiforgery token).
        { "GET /{forum}/sessions/{key}/translations/{lang?}", "/igf2022/sessions/{session}/translations", $"302 /account/sign-in|{Denied}|{Denied}|200|{Denied}|200|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/sessions/{key}/translations/{lang?}", "/igf2022/sessions/{session}/translations/es?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|400|{Denied}|400|{Denied}|400|{Denied}|400" },
        // The compliance dashboard (its CSV is a handler of the same page); the POST tried is a refused reminder setting, so nothing is sent.
        { "GET /{forum}/manage/reports", "/igf2022/manage/reports", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/reports", "/igf2022/manage/reports?handler=Settings&ReminderHours=0", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/people", "/igf2022/manage/people", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "GET /{forum}/manage/people/{id:int}", "/igf2022/manage/people/{person}", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/people/{id:int}", "/igf2022/manage/people/{person}", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        // Merging two people: the GET and POST tried name no one, and are refused (400) for those allowed.
        { "GET /{forum}/manage/people/merge", "/igf2022/manage/people/merge", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "POST /{forum}/manage/people/merge", "/igf2022/manage/people/merge", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /account/sessions", "/account/sessions", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "GET /account/api-tokens", "/account/api-tokens", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "POST /account/api-tokens", "/account/api-tokens?handler=Create", "302 /account/sign-in|400|400|400|400|400|400|400|400|400" },
        // The write API, called by each visitor with an API token of their own (400: allowed, and told the empty body is not a session).
        { "POST /api/forums/{forum}/sessions/", "/api/forums/igf2022/sessions", "401|403|403|403|403|403|403|400|403|400" },
        { "PUT /api/forums/{forum}/sessions/{key}", "/api/forums/igf2022/sessions/{session}", "401|403|403|400|403|403|403|400|403|400" },
        { "POST /api/forums/{forum}/sessions/{key}/roles", "/api/forums/igf2022/sessions/{session}/roles", "401|403|403|400|403|403|403|400|403|400" },
        { "DELETE /api/forums/{forum}/sessions/{key}/roles/{id:int}", "/api/forums/igf2022/sessions/{session}/roles/1", "401|403|403|404|403|403|403|404|403|404" },
        { "GET /{forum}/manage/invitations", "/igf2022/manage/invitations", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/invitations", "/igf2022/manage/invitations?handler=Send", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /invitations/{id}", "/invitations/0?code=x", "400|400|400|400|400|400|400|400|400|400" },
        { "POST /invitations/{id}", "/invitations/0", "400|400|400|400|400|400|400|400|400|400" },
        { "GET /{forum}/manage/session-types", "/igf2022/manage/session-types", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/session-types", "/igf2022/manage/session-types?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/subthemes", "/igf2022/manage/subthemes", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/subthemes", "/igf2022/manage/subthemes?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        // Record sections: the POST tried is a section without a title, refused (400) for those allowed.
        { "GET /{forum}/manage/sections", "/igf2022/manage/sections", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/sections", "/igf2022/manage/sections?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /admin/forums", "/admin/forums", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200" },
        { "GET /admin/forums/new", "/admin/forums/new", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200" },
        { "POST /admin/forums/new", "/admin/forums/new", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400" },
        { "GET /account/two-factor", "/account/two-factor", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "POST /account/two-factor", "/account/two-factor?handler=On", "302 /account/sign-in|400|400|400|400|400|400|400|400|400" },
        { "GET /account/sign-in/two-factor", "/account/sign-in/two-factor", "302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in" },
        { "POST /account/sign-in/two-factor", "/account/sign-in/two-factor", "302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in|302 /account/sign-in" },
        { "PUT /api/forums/{forum}/", "/api/forums/igf2022", "401|403|403|403|403|403|403|400|403|400" },
        { "GET /api/forums/{forum}/audit", "/api/forums/igf2022/audit", "401|403|403|403|403|403|403|200|403|200" },
        { "POST /api/forums/{forum}/rooms/", "/api/forums/igf2022/rooms", "401|403|403|403|403|403|403|400|403|400" },
        { "PUT /api/forums/{forum}/rooms/{id:int}", "/api/forums/igf2022/rooms/{room}", "401|403|403|403|403|403|403|400|403|400" },
        { "DELETE /api/forums/{forum}/rooms/{id:int}", "/api/forums/igf2022/rooms/999999", "401|403|403|403|403|403|403|404|403|404" },
        { "POST /api/forums", "/api/forums", "401|403|403|403|403|403|403|403|403|400" },
        // The forum document: its Secretariat exports it; importing creates a forum, which only administrators do (400: allowed, and told the empty object is not a forum document).
        { "GET /api/forums/{forum}/archive.json", "/api/forums/igf2022/archive.json", "401|403|403|403|403|403|403|200|403|200" },
        { "POST /api/forums/import", "/api/forums/import", "401|403|403|403|403|403|403|403|403|400" },
        { "POST /api/forums/{forum}/session-types/", "/api/forums/igf2022/session-types", "401|403|403|403|403|403|403|400|403|400" },
        { "PUT /api/forums/{forum}/session-types/{code}", "/api/forums/igf2022/session-types/WS", "401|403|403|403|403|403|403|400|403|400" },
        { "DELETE /api/forums/{forum}/session-types/{code}", "/api/forums/igf2022/session-types/NOSUCH", "401|403|403|403|403|403|403|404|403|404" },
        { "POST /api/forums/{forum}/subthemes/", "/api/forums/igf2022/subthemes", "401|403|403|403|403|403|403|400|403|400" },
        { "PUT /api/forums/{forum}/subthemes/{slug}", "/api/forums/igf2022/subthemes/{subtheme}", "401|403|403|403|403|403|403|400|403|400" },
        { "DELETE /api/forums/{forum}/subthemes/{slug}", "/api/forums/igf2022/subthemes/no-such-subtheme", "401|403|403|403|403|403|403|404|403|404" },
        { "GET /api/forums/{forum}/people/", "/api/forums/igf2022/people", "401|403|403|403|403|403|403|200|403|200" },
        { "PUT /api/forums/{forum}/people/{id:int}", "/api/forums/igf2022/people/{person}", "401|403|403|403|403|403|403|400|403|400" },
        { "GET /api/forums/{forum}/invitations/", "/api/forums/igf2022/invitations", "401|403|403|403|403|403|403|200|403|200" },
        { "POST /api/forums/{forum}/invitations/", "/api/forums/igf2022/invitations", "401|403|403|403|403|403|403|400|403|400" },
        { "DELETE /api/forums/{forum}/invitations/{id:int}", "/api/forums/igf2022/invitations/999999", "401|403|403|403|403|403|403|404|403|404" },
        { "POST /api/forums/{forum}/import", "/api/forums/igf2022/import", "401|403|403|403|403|403|403|400|403|400" },
        { "GET /{forum}/manage/import", "/igf2022/manage/import", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/import", "/igf2022/manage/import?handler=Preview", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/export/{file}", "/igf2022/manage/export/sessions.csv", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "GET /{forum}/register", "/igf2022/register", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "POST /{forum}/register", "/igf2022/register", "302 /account/sign-in|400|400|400|400|400|400|400|400|400" },
        { "GET /{forum}/badge", "/igf2022/badge", "302 /account/sign-in|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register" },
        // Certificates of attendance: each signed-in visitor sees only their own (none of them registered for igf2022: told why, 200);
        // the verification page is anyone's, and an unknown code is a 404; the Secretariat's list (400: allowed, and refused the POST without its antiforgery token).
        { "GET /{forum}/certificate", "/igf2022/certificate", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/certificates/{code}", "/igf2022/certificates/0000000000000000000000000A", "404|404|404|404|404|404|404|404|404|404" },
        { "GET /api/forums/{forum}/registration/certificate", "/api/forums/igf2022/registration/certificate", "401|404|404|404|404|404|404|404|404|404" },
        { "GET /{forum}/manage/certificates", "/igf2022/manage/certificates", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/certificates", "/igf2022/manage/certificates?handler=Revoke&certificate=0", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        // SDG suggestions for the sessions: the Secretariat's review list and its Accept and Dismiss (400: allowed, and refused for ticking nothing).
        { "GET /{forum}/manage/sdg-suggestions", "/igf2022/manage/sdg-suggestions?Goal=9&MinScore=3", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/sdg-suggestions", "/igf2022/manage/sdg-suggestions?handler=Accept", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "POST /{forum}/manage/sdg-suggestions", "/igf2022/manage/sdg-suggestions?handler=Dismiss", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        // Visa letters: the registrant's own page (a visitor not registered is sent to register first); the queue opens passports, so only
        // the forum's visa desk, a role none of these visitors holds, not even the Secretariat or an administrator; the settings hold none.
        { "GET /{forum}/visa-letter", "/igf2022/visa-letter", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "POST /{forum}/visa-letter", "/igf2022/visa-letter", "302 /account/sign-in|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register|302 /igf2022/register" },
        { "GET /{forum}/manage/visa-letters", "/igf2022/manage/visa-letters", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}" },
        { "POST /{forum}/manage/visa-letters", "/igf2022/manage/visa-letters?handler=Decide", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}" },
        { "GET /{forum}/manage/visa-letters/settings", "/igf2022/manage/visa-letters/settings", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/visa-letters/settings", "/igf2022/manage/visa-letters/settings", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/letters/{code}", "/igf2022/letters/AAAA-BBBB-CCCC-DDDD", "404|404|404|404|404|404|404|404|404|404" },
        { "GET /{forum}/manage/registrations", "/igf2022/manage/registrations", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/registrations", "/igf2022/manage/registrations?handler=Decide&registration=0", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/check-in", "/igf2022/manage/check-in", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/check-in", "/igf2022/manage/check-in", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|404|{Denied}|404" },
        { "GET /{forum}/manage/online", "/igf2022/manage/online", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/online", "/igf2022/manage/online?room=0", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|404|{Denied}|404" },
        { "GET /api/forums/{forum}/registration/", "/api/forums/igf2022/registration", "401|404|404|404|404|404|404|404|404|404" },
        { "PUT /api/forums/{forum}/registration/", "/api/forums/igf2022/registration", "401|400|400|400|400|400|400|400|400|400" },
        { "GET /{forum}/manage/timetable", "/igf2022/manage/timetable", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/timetable", "/igf2022/manage/timetable?handler=Move", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/timetable/settings", "/igf2022/manage/timetable/settings", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/timetable/settings", "/igf2022/manage/timetable/settings", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/timetable/availability", "/igf2022/manage/timetable/availability", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/timetable/availability", "/igf2022/manage/timetable/availability", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/timetable/schedule", "/igf2022/manage/timetable/schedule", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/timetable/schedule", "/igf2022/manage/timetable/schedule?handler=Apply", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|409|{Denied}|409" },
        { "GET /{forum}/sessions/{key}/live", "/igf2022/sessions/{session}/live", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        // The Join button's way in: a past session's meeting is closed to everyone, so each signed-in visitor is sent back to its page.
        { "GET /{forum}/sessions/{key}/join", "/igf2022/sessions/of-56/join", "302 /account/sign-in|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56|302 /igf2022/sessions/of-56" },
        { "POST /{forum}/sessions/{key}/live", "/igf2022/sessions/{session}/live?handler=Raise", "302 /account/sign-in|409|409|409|409|409|409|409|409|409" },
        { "GET /{forum}/sessions/{key}/live/events", "/igf2022/sessions/{session}/live/events", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/sessions/{key}/console", "/igf2022/sessions/{session}/console", $"302 /account/sign-in|{Denied}|{Denied}|200|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/sessions/{key}/console", "/igf2022/sessions/{session}/console?handler=Add", $"302 /account/sign-in|{Denied}|{Denied}|400|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/sessions/{key}/queue-record", "/igf2022/sessions/{session}/queue-record", $"302 /account/sign-in|{Denied}|{Denied}|200|{Denied}|200|{Denied}|200|{Denied}|200" },
        // The forum's messages: the Secretariat and the message editors it names (no column here; see MessagesTests) write them; the outcome
        // document of igf2022 is not published, so only they read it (404 for everyone else, as for a page that does not exist).
        { "GET /{forum}/manage/messages", "/igf2022/manage/messages", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/messages", "/igf2022/manage/messages?handler=Outcome", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/messages/{subtheme}", "/igf2022/manage/messages/{subtheme}", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/messages/{subtheme}", "/igf2022/manage/messages/{subtheme}?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/messages/translations/{lang}", "/igf2022/manage/messages/translations/ar", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        // (404: allowed, and told the form names no message of this forum.)
        { "POST /{forum}/manage/messages/translations/{lang}", "/igf2022/manage/messages/translations/ar?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|404|{Denied}|404" },
        // The demo forum's outcome document is published (in English, Spanish and French): public to all. Before publication only
        // its editors read it (MessagesTests); a language version not yet published, likewise (MessageTranslationsTests).
        { "GET /{forum}/messages", "/igf2022/messages", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/messages.docx", "/igf2022/messages.docx", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/messages.pdf", "/igf2022/messages.pdf", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}/messages", "/api/forums/igf2022/messages", "200|200|200|200|200|200|200|200|200|200" },
        // Open to every role in process (no client address: the machine itself); OperationsTests checks that the network, not a role, decides.
        { "ANY /health", "/health", "200|200|200|200|200|200|200|200|200|200" },
        { "ANY /health/live", "/health/live", "200|200|200|200|200|200|200|200|200|200" },
        { "ANY /health/ready", "/health/ready", "200|200|200|200|200|200|200|200|200|200" },
        { "ANY /metrics", "/metrics", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /", "/", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /archive", "/archive", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum:regex(^[a-z0-9-]+$)}", "/igf2022", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/programme", "/igf2022/programme", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/sessions/{key}", "/igf2022/sessions/of-56", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/people", "/igf2022/people", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/rooms", "/igf2022/rooms", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/rooms/{id}", "/igf2022/rooms/{room}", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/sdgs", "/igf2022/sdgs", "200|200|200|200|200|200|200|200|200|200" },
        // The schedule exports: public, like the programme they copy.
        { "GET /{forum}/schedule.ics", "/igf2022/schedule.ics", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/rooms/{id:int}/schedule.ics", "/igf2022/rooms/{room}/schedule.ics", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/sessions/{key}/calendar.ics", "/igf2022/sessions/of-56/calendar.ics", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/schedule.xml", "/igf2022/schedule.xml", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/schedule.json", "/igf2022/schedule.json", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/schedule.csv", "/igf2022/schedule.csv", "200|200|200|200|200|200|200|200|200|200" },
        // Releases and the public views of the released timetable; the personal agenda is each signed-in person's own
        // (400: allowed, and told the empty form names no session); its calendar feed answers only to its secret.
        { "GET /{forum}/schedule/grid", "/igf2022/schedule/grid", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/now", "/igf2022/now", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/changes", "/igf2022/changes", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/agenda", "/igf2022/agenda", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "POST /{forum}/agenda", "/igf2022/agenda?handler=Add", "302 /account/sign-in|400|400|400|400|400|400|400|400|400" },
        { "GET /{forum}/agenda/{secret}.ics", "/igf2022/agenda/not-a-secret-anyone-was-given-0123.ics", "404|404|404|404|404|404|404|404|404|404" },
        { "GET /{forum}/manage/timetable/releases", "/igf2022/manage/timetable/releases", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/timetable/releases", "/igf2022/manage/timetable/releases", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/sdgs/{goal}", "/igf2022/sdgs/9", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/frameworks", "/igf2022/frameworks", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/frameworks/{framework}/{code}", "/igf2022/frameworks/wsis/C5", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /people/{id}", "/people/{person}", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /search", "/search?q=privacy", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/search", "/api/search?q=privacy", "200|200|200|200|200|200|200|200|200|200" },
        // The statistics of igf2022 are published (the demo publishes them, as after a real forum): public, page, CSV and API. Publishing
        // them is the Secretariat's. The POST asks for a state that does not exist, so that the Secretariat's allowed request (400)
        // leaves the demo's statistics published for the other rows; StatisticsTests shows the Secretariat obeyed.
        { "GET /{forum}/statistics", "/igf2022/statistics", "200|200|200|200|200|200|200|200|200|200" },
        { "POST /{forum}/statistics", "/igf2022/statistics?handler=Publication&state=neither", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/statistics/{figure}.csv", "/igf2022/statistics/sessions-by-type.csv", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}/statistics", "/api/forums/igf2022/statistics", "200|200|200|200|200|200|200|200|200|200" },
        { "ANY /error/{code:int}", "/error/404", "404|404|404|404|404|404|404|404|404|404" },
        { "GET /language/{culture}", "/language/fr?returnUrl=/igf2022", "302 /igf2022|302 /igf2022|302 /igf2022|302 /igf2022|302 /igf2022|302 /igf2022|302 /igf2022|302 /igf2022|302 /igf2022|302 /igf2022" },
        { "GET /{**path:file}", "/no-such-file.txt", "404|404|404|404|404|404|404|404|404|404" },
        { "HEAD /{**path:file}", "/no-such-file.txt", "404|404|404|404|404|404|404|404|404|404" },
        { "GET /openapi/{documentName}.json", "/openapi/v1.json", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/", "/api/forums", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}", "/api/forums/igf2022", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}/sessions/", "/api/forums/igf2022/sessions", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}/sessions/{key}", "/api/forums/igf2022/sessions/of-56", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}/rooms/", "/api/forums/igf2022/rooms", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}/rooms/{id:int}", "/api/forums/igf2022/rooms/{room}", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/people/{id:int}", "/api/people/{person}", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/sdgs/", "/api/sdgs", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /api/sdgs/{goal}", "/api/sdgs/9", "200|200|200|200|200|200|200|200|200|200" },
        // Suggestions are for anyone writing a proposal, signed in or not; the POST tried has no body (400: the problem names it).
        { "POST /api/sdgs/suggest", "/api/sdgs/suggest", "400|400|400|400|400|400|400|400|400|400" },
        { "GET /account", "/account", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "POST /account", "/account", "302 /account/sign-in|400|400|400|400|400|400|400|400|400" },
        { "GET /account/sign-up", "/account/sign-up", "200|200|200|200|200|200|200|200|200|200" },
        { "POST /account/sign-up", "/account/sign-up", "400|400|400|400|400|400|400|400|400|400" },
        { "GET /account/sign-in", "/account/sign-in", "200|200|200|200|200|200|200|200|200|200" },
        { "POST /account/sign-in", "/account/sign-in", "400|400|400|400|400|400|400|400|400|400" },
        { "GET /account/sign-out", "/account/sign-out", "200|200|200|200|200|200|200|200|200|200" },
        { "POST /account/sign-out", "/account/sign-out", "302 /|302 /|302 /|302 /|302 /|302 /|302 /|302 /|302 /|302 /" },
        { "GET /account/check-email", "/account/check-email", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /account/confirm", "/account/confirm", "400|400|400|400|400|400|400|400|400|400" },
        { "GET /account/forgot-password", "/account/forgot-password", "200|200|200|200|200|200|200|200|200|200" },
        { "POST /account/forgot-password", "/account/forgot-password", "400|400|400|400|400|400|400|400|400|400" },
        { "GET /account/reset-password", "/account/reset-password", "200|200|200|200|200|200|200|200|200|200" },
        { "POST /account/reset-password", "/account/reset-password", "400|400|400|400|400|400|400|400|400|400" },
        { "GET /account/denied", "/account/denied", "403|403|403|403|403|403|403|403|403|403" },
        { "GET /account/export", "/account/export", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "GET /account/delete", "/account/delete", "302 /account/sign-in|200|200|200|200|200|200|200|200|200" },
        { "POST /account/delete", "/account/delete", "302 /account/sign-in|400|400|400|400|400|400|400|400|400" },
        { "GET /account/deleted", "/account/deleted", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /account/link", "/account/link?account=1&code=x", "200|200|200|200|200|200|200|200|200|200" },
        { "POST /account/link", "/account/link", "400|400|400|400|400|400|400|400|400|400" },
        // The call for proposals: {proposal} is a proposal of igf2022 made by none of the visitors; the Secretariat reads it, nobody else.
        { "GET /{forum}/manage/call", "/igf2022/manage/call", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/call", "/igf2022/manage/call", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/proposals", "/igf2022/manage/proposals", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/proposals", "/igf2022/manage/proposals?handler=Screen", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|409|{Denied}|409" },
        // Someone not signed in who asks for the proposals is shown the public call, with its way in and "Sign in to see your proposals".
        { "GET /{forum}/proposals", "/igf2022/proposals", "302 /igf2022/call|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/call", "/igf2022/call", "200|200|200|200|200|200|200|200|200|200" },
        { "GET /{forum}/proposals/{id}", "/igf2022/proposals/{proposal}", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/proposals/{id}", "/igf2022/proposals/{proposal}?handler=Save", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}" },
        { "GET /proposals/speakers/{id}", "/proposals/speakers/0?code=x", "400|400|400|400|400|400|400|400|400|400" },
        // The review: the Secretariat's pages; the reviewers' own (the matrix proposal is assigned to nobody, so not found);
        // merge answers by the proposal's own organisers only; the proposals API by token, each caller seeing what they may.
        { "GET /{forum}/manage/reviews", "/igf2022/manage/reviews", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/reviews", "/igf2022/manage/reviews?handler=Phase", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/reviews/assignments", "/igf2022/manage/reviews/assignments", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/reviews/assignments", "/igf2022/manage/reviews/assignments?handler=Add", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/manage/reviews/proposals/{id:int}", "/igf2022/manage/reviews/proposals/{proposal}", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "GET /{forum}/manage/reviews/ranking", "/igf2022/manage/reviews/ranking", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|200" },
        { "POST /{forum}/manage/reviews/ranking", "/igf2022/manage/reviews/ranking?handler=Decide", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|400|{Denied}|400" },
        { "GET /{forum}/reviews", "/igf2022/reviews", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|200|{Denied}|{Denied}|200" },
        { "POST /{forum}/reviews", "/igf2022/reviews?handler=Declare", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|302 /igf2022/reviews|{Denied}|{Denied}|302 /igf2022/reviews" },
        { "GET /{forum}/reviews/{id:int}", "/igf2022/reviews/{proposal}", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|404|{Denied}|{Denied}|404" },
        { "POST /{forum}/reviews/{id:int}", "/igf2022/reviews/{proposal}", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|404|{Denied}|{Denied}|404" },
        { "GET /{forum}/proposals/{id:int}/merge", "/igf2022/proposals/{proposal}/merge", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}" },
        { "POST /{forum}/proposals/{id:int}/merge", "/igf2022/proposals/{proposal}/merge", $"302 /account/sign-in|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}|{Denied}" },
        { "GET /api/forums/{forum}/proposals/", "/api/forums/igf2022/proposals", "401|200|200|200|200|200|200|200|200|200" },
        { "GET /api/forums/{forum}/proposals/{id:int}", "/api/forums/igf2022/proposals/{proposal}", "401|404|404|404|404|404|404|200|404|200" },
        { "POST /proposals/speakers/{id}", "/proposals/speakers/0", "400|400|400|400|400|400|400|400|400|400" },
    };

    [Fact]
    public void Every_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        var rows = Matrix.Select(row => (string)row[0]).ToList();
        var endpoints = EndpointList.Of(app);
        endpoints.Except(rows).ShouldBeEmpty("endpoints without a row in the authorisation matrix");
        rows.Except(endpoints).ShouldBeEmpty("rows for endpoints that no longer exist");
    }

    private static readonly string[] Visitors =
        ["anonymous", "participant", "speaker", "organiser", "other organiser", "rapporteur", "reviewer", "secretariat", "other secretariat", "administrator"];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PlenaryApp, Dictionary<string, HttpClient>> Signed = new();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_visitor_gets_the_expected_answer(string endpoint, string url, string expected)
    {
        var method = new HttpMethod(endpoint.Split(' ')[0] is "ANY" ? "GET" : endpoint.Split(' ')[0]);
        url = await WithRealIdsAsync(url);
        var answers = expected.Split('|');
        answers.Length.ShouldBe(Visitors.Length, endpoint);
        for (var i = 0; i < Visitors.Length; i++)
        {
            var visitor = await VisitorAsync(Visitors[i]);
            if (url.StartsWith("/api/", StringComparison.Ordinal) && (method != HttpMethod.Get || TokenOnlyReads.Any(r => url.EndsWith(r, StringComparison.Ordinal)) || url.Contains("/proposals", StringComparison.Ordinal)) && Visitors[i] != "anonymous")
            {
                // The write API takes a token, never the cookie: each visitor calls it with a token of their own.
                visitor = await TokenClientAsync(Visitors[i], visitor);
            }
            await ExpectAsync(visitor, method, url, answers[i], Visitors[i]);
        }
        if (endpoint == "POST /account/sign-out")
        {
            // Those visitors are signed out now; the next row signs in new ones.
            Signed.Remove(app);
        }
    }

    /// <summary>The API's reads of the workspace (not public), which, like its writes, take a token only.</summary>
    private static readonly string[] TokenOnlyReads = ["/audit", "/people", "/invitations", "/registration", "/registration/certificate", "/archive.json"];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PlenaryApp, Dictionary<string, HttpClient>> Tokens = new();

    private async Task<HttpClient> TokenClientAsync(string who, HttpClient visitor)
    {
        var clients = Tokens.GetOrCreateValue(app);
        if (!clients.TryGetValue(who, out var client))
        {
            client = clients[who] = app.ApiClient(await PlenaryApp.ApiTokenOfAsync(visitor, $"Matrix {who}"));
        }
        return client;
    }

    private async Task<HttpClient> VisitorAsync(string who)
    {
        if (who == "anonymous")
        {
            return app.CreateVisitor();
        }
        var visitors = Signed.GetOrCreateValue(app);
        if (visitors.TryGetValue(who, out var known))
        {
            return known;
        }
        var visitor = who switch
        {
            "secretariat" => await app.SecretariatOfAsync("igf2022"),
            "other secretariat" => await app.SecretariatOfAsync(await app.InDbAsync(OtherForumAsync)),
            "administrator" => await app.AdministratorAsync(),
            "speaker" => await app.HolderOfSessionRoleAsync(await MatrixSessionAsync("matrix"), Plenary.Features.Sessions.SessionRoleKind.Speaker),
            "organiser" => await app.HolderOfSessionRoleAsync(await MatrixSessionAsync("matrix"), Plenary.Features.Sessions.SessionRoleKind.Organiser),
            "rapporteur" => await app.HolderOfSessionRoleAsync(await MatrixSessionAsync("matrix"), Plenary.Features.Sessions.SessionRoleKind.Rapporteur),
            "other organiser" => await app.HolderOfSessionRoleAsync(await MatrixSessionAsync("other"), Plenary.Features.Sessions.SessionRoleKind.Organiser),
            "reviewer" => await app.ReviewerOfAsync("igf2022"),
            _ => await app.SignedInVisitorAsync($"participant-{Guid.NewGuid():N}@example.org"),
        };
        visitors[who] = visitor;
        return visitor;
    }

    /// <summary>A second, empty forum whose Secretariat must not reach the demo forum's workspace.</summary>
    private static async Task<string> OtherForumAsync(Plenary.Infrastructure.Data.PlenaryDb db)
    {
        if (!await db.Forums.AnyAsync(f => f.Slug == "other-forum"))
        {
            db.Forums.Add(new Plenary.Features.Forums.Forum
            {
                Slug = "other-forum", Name = "Other Forum 2026", Year = 2026, HostCity = "Oslo", Venue = "Lillestrøm", TimeZoneId = "Europe/Oslo",
                FirstDay = new DateOnly(2026, 6, 23), LastDay = new DateOnly(2026, 6, 27), Theme = "Another edition", Languages = ["en"],
            });
            await db.SaveChangesAsync();
        }
        return "other-forum";
    }

    private static async Task ExpectAsync(HttpClient visitor, HttpMethod method, string url, string expected, string who)
    {
        using var request = new HttpRequestMessage(method, url);
        if (url.StartsWith("/api/", StringComparison.Ordinal) && (method == HttpMethod.Post || method == HttpMethod.Put))
        {
            // The API reads JSON; an empty object reaches its checks of who may call it.
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        else if (method == HttpMethod.Post)
        {
            // A genuine form token for this visitor, and otherwise an empty form: what is tested is who may post.
            var form = await PlenaryApp.ParseAsync(await visitor.GetAsync("/account/sign-in"));
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        }
        // Headers only: the queue's event stream never ends by itself, and disposing the response leaves it.
        using var response = await visitor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var parts = expected.Split(' ', 2);
        ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(parts[0], $"{who}: {method} {url}");
        if (parts.Length == 2)
        {
            new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery.ShouldStartWith(parts[1], Case.Sensitive, $"{who}: {method} {url}");
        }
    }

    /// <summary>
    /// Sessions of the demo forum made for the matrix (the demo's own records stay as other tests expect them):
    /// "matrix" is the one in the URLs, "other" one its organiser does not organise.
    /// </summary>
    /// <remarks>
    /// The matrix asks every forum page of the demo forum as every visitor, and its writes are all refused, so these two
    /// sessions stay in the demo forum, outside its timetable, made once per app and changed by no request.
    /// </remarks>
    private async Task<Plenary.Features.Sessions.Session> MatrixSessionAsync(string which)
    {
        await MatrixGate.WaitAsync();
        try
        {
            return await app.InDbAsync(async db =>
            {
                var number = which == "matrix" ? 9001 : 9002;
                var forum = await db.Forums.Where(f => f.Slug == "igf2022").Select(f => f.Id).SingleAsync();
                var type = await db.SessionTypes.SingleAsync(t => t.ForumId == forum && t.Code == "WS");
                var session = await db.Sessions.FirstOrDefaultAsync(s => s.ForumId == forum && s.TypeId == type.Id && s.Number == number);
                if (session is null)
                {
                    session = new Plenary.Features.Sessions.Session { ForumId = forum, TypeId = type.Id, Number = number, Title = $"The {which} session of the authorisation matrix", LengthMinutes = 60 };
                    db.Sessions.Add(session);
                    await db.SaveChangesAsync();
                }
                session.Type = type;
                return session;
            });
        }
        finally
        {
            MatrixGate.Release();
        }
    }

    private static readonly SemaphoreSlim MatrixGate = new(1, 1);

    /// <summary>
    /// An open call on the demo forum and a proposal in it whose proposer is none of the visitors (the account was
    /// deleted), so the proposal pages answer each visitor by their role alone.
    /// </summary>
    private Task<int> MatrixProposalAsync() => app.InDbAsync(async db =>
    {
        var forum = await db.Forums.Include(f => f.SessionTypes).SingleAsync(f => f.Slug == "igf2022");
        if (!await db.Calls.AnyAsync(c => c.ForumId == forum.Id))
        {
            db.Calls.Add(new Plenary.Features.Proposals.Call { ForumId = forum.Id, SessionTypes = ["WS"], OpensAt = DateTime.UtcNow.AddDays(-1), ClosesAt = DateTime.UtcNow.AddYears(5) });
        }
        var found = await db.Proposals.Where(p => p.ForumId == forum.Id && p.Title == "The matrix proposal").Select(p => (int?)p.Id).FirstOrDefaultAsync();
        if (found is { } id)
        {
            return id;
        }
        var proposal = new Plenary.Features.Proposals.Proposal
        {
            ForumId = forum.Id, ProposerName = "Matrix proposer", Title = "The matrix proposal", TypeId = forum.SessionTypes.Single(t => t.Code == "WS").Id, LengthMinutes = 90, Version = 1,
        };
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync();
        return proposal.Id;
    });

    private async Task<string> WithRealIdsAsync(string url)
    {
        if (url.Contains("proposals", StringComparison.Ordinal) || url.Contains("/manage/call", StringComparison.Ordinal))
        {
            // The workspace's screening answers by the call's state: it must exist, and be open, for every visitor alike.
            await MatrixProposalAsync();
        }
        if (url.Contains("{proposal}", StringComparison.Ordinal))
        {
            url = url.Replace("{proposal}", (await MatrixProposalAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        if (url.Contains("{session}", StringComparison.Ordinal))
        {
            url = url.Replace("{session}", (await MatrixSessionAsync("matrix")).Key, StringComparison.Ordinal);
        }
        if (url.Contains("{room}", StringComparison.Ordinal))
        {
            url = url.Replace("{room}", (await app.InDbAsync(db => db.Rooms.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        if (url.Contains("{subtheme}", StringComparison.Ordinal))
        {
            url = url.Replace("{subtheme}", await app.InDbAsync(db => db.Subthemes.Where(s => db.Forums.Any(f => f.Id == s.ForumId && f.Slug == "igf2022")).OrderBy(s => s.Id).Select(s => s.Slug).FirstAsync()), StringComparison.Ordinal);
        }
        if (url.Contains("{person}", StringComparison.Ordinal))
        {
            url = url.Replace("{person}", (await app.InDbAsync(db => db.People.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        return url;
    }
}

[Collection("sqlite")]
public sealed class AuthorisationMatrixOnSqlite(SqliteApp app) : AuthorisationMatrixTests(app);

[Collection("postgres")]
public sealed class AuthorisationMatrixOnPostgres(PostgresApp app) : AuthorisationMatrixTests(app);
