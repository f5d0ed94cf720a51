using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Plenary.Features.Demo;
using Plenary.Tests.Infrastructure.Fixtures;

namespace Plenary.Tests.Features.Demo;

/// <summary>Who may have the published demo password: Development by default, elsewhere only when asked, Production never.</summary>
public sealed class DemoAccountRuleTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", false, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Staging", true, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", true, false)]
    public void Demo_accounts_have_the_password_only_where_the_configuration_allows(string environment, bool? setting, bool allowed) =>
        DemoAccounts.Allowed(new DemoOptions { Accounts = setting }, new HostingEnvironment { EnvironmentName = environment }).ShouldBe(allowed);
}

/// <summary>
/// The test apps run as production does (the Production environment, demo seeded): the live demo's people and accounts are
/// there, and not one of them can be signed into with the published password.
/// </summary>
public abstract class DemoAccountsInProductionTests(PlenaryApp app)
{
    [Fact]
    public async Task A_production_app_seeded_with_the_demo_has_no_account_with_a_known_password()
    {
        var addresses = Enum.GetValues<DemoRole>().Select(DemoAccounts.Email).ToList();
        var accounts = await app.InDbAsync(db => db.Users.Where(a => addresses.Contains(a.Email!)).Select(a => new { a.Email, a.PasswordHash }).ToListAsync());

        accounts.Count.ShouldBe(addresses.Count);
        accounts.ShouldAllBe(a => a.PasswordHash == null);
        foreach (var address in addresses)
        {
            var answer = await app.SignInAsync(app.CreateVisitor(), address, DemoAccounts.Password);
            answer.StatusCode.ShouldNotBe(HttpStatusCode.Redirect, address);
        }
        (await app.InDbAsync(db => db.Users.CountAsync(a => a.Email!.EndsWith("@" + DemoForum.DemoDomain) && a.PasswordHash != null))).ShouldBe(0);
    }
}

[Collection("sqlite")]
public sealed class DemoAccountsInProductionOnSqlite(SqliteApp app) : DemoAccountsInProductionTests(app);

[Collection("postgres")]
public sealed class DemoAccountsInProductionOnPostgres(PostgresApp app) : DemoAccountsInProductionTests(app);
