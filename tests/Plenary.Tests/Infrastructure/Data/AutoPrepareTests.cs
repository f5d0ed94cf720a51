using Npgsql;
using Plenary.Infrastructure.Data;

namespace Plenary.Tests.Infrastructure.Data;

/// <summary>PostgreSQL's connections prepare the statements they see repeated, unless the operator said otherwise.</summary>
public sealed class AutoPrepareTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_automatic_preparation()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db;Database=plenary;Username=plenary;Maximum Pool Size=50"));
        built.MaxAutoPrepare.ShouldBe(DatabaseSetup.AutoPrepared);
        (built.Host, built.Database, built.Username, built.MaxPoolSize).ShouldBe(("db", "plenary", "plenary", 50));
    }

    [Theory]
    [InlineData("Host=db;Database=plenary;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=plenary;max auto prepare=20", 20)]
    [InlineData("Host=db;Database=plenary;MaxAutoPrepare=7", 7)]
    public void An_operators_own_setting_is_kept(string connectionString, int expected) =>
        new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare(connectionString)).MaxAutoPrepare.ShouldBe(expected);

    [Fact]
    public void An_operators_minimum_usages_alone_still_gets_automatic_preparation()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db;Database=plenary;Auto Prepare Min Usages=3"));
        (built.MaxAutoPrepare, built.AutoPrepareMinUsages).ShouldBe((DatabaseSetup.AutoPrepared, 3));
    }
}
