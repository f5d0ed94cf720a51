using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.People;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Accounts;

/// <summary>Everything Plenary holds about the signed-in person, as one JSON file (GDPR art. 15 and 20).</summary>
[Authorize]
public sealed class ExportModel(PlenaryDb db, UserManager<Account> accounts, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var account = await accounts.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in person without an account.");
        var person = await db.People.SingleAsync(p => p.Id == account.PersonId, cancel);
        var roles = await db.RolesOfAsync(person.Id, published: false, cancel);
        var messages = await db.Outbox.Where(m => m.To == account.Email).OrderBy(m => m.Id)
            .Select(m => new { m.Subject, m.Purpose, m.CreatedAt, m.SentAt, m.TextBody }).ToListAsync(cancel);
        var export = new
        {
            exportedAt = clock.GetUtcNow().UtcDateTime,
            account = new
            {
                account.Email, account.EmailConfirmed, account.PreferredLanguage, account.TimeZoneId, account.CreatedAt,
                account.TwoFactorEnabled, account.IsAdministrator, lockedOutUntil = account.LockoutEnd,
            },
            profile = new
            {
                person.Name, person.Honorific, person.Title, person.Affiliation,
                stakeholderGroup = person.StakeholderGroup?.ToString(), regionalGroup = person.RegionalGroup?.ToString(),
                country = person.CountryCode, gender = person.Gender?.ToString(),
            },
            sessionRoles = roles.Select(r => new { forum = r.ForumSlug, session = r.SessionKey, r.NumberedName, r.Title, role = r.Kind.ToString(), mode = r.Mode.ToString(), r.StartsAt }),
            messages,
        };
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", $"plenary-{account.Id}.json");
    }
}
