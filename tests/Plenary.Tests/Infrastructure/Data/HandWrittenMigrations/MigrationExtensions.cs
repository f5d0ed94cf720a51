using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Plenary.Tests.Infrastructure.Data.HandWrittenMigrations;

internal static class MigrationExtensions
{
    /// <summary>
    /// An integer key the database numbers itself, on either provider; each provider reads its own annotation
    /// and ignores the other's.
    /// </summary>
    public static OperationBuilder<AddColumnOperation> Identity(this ColumnsBuilder table) =>
        table.Column<int>()
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    /// <summary>The same, 64-bit, for logs and queues that may outgrow an int.</summary>
    public static OperationBuilder<AddColumnOperation> LongIdentity(this ColumnsBuilder table) =>
        table.Column<long>()
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
