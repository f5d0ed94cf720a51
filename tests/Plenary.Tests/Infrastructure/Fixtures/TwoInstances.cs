using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Plenary.Tests.Infrastructure.Fixtures;

/// <summary>
/// Two app instances on one new PostgreSQL database, each with its own data folder, as two servers behind one
/// address would be. The database is dropped when the pair is disposed.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly PostgresDatabase database;
    private readonly List<HttpClient> visitors = [];

    private TwoInstances(PostgresDatabase database, Instance first, Instance second) => (this.database, First, Second) = (database, first, second);

    public Instance First { get; }
    public Instance Second { get; }

    public static async Task<TwoInstances> StartAsync()
    {
        var database = new PostgresDatabase();
        await database.CreateAsync();
        var first = new Instance(database.ConnectionString);
        await first.InitializeAsync();
        var second = new Instance(database.ConnectionString);
        await second.InitializeAsync();
        return new TwoInstances(database, first, second);
    }

    /// <summary>One browser's cookies, sent to either instance, as a load balancer would pass them.</summary>
    public (HttpClient OnFirst, HttpClient OnSecond) OneVisitorOnBoth()
    {
        var jar = new CookieContainer();
        var (onFirst, onSecond) = (First.CreateDefaultClient(new Uri("http://localhost"), new CookieJar(jar)), Second.CreateDefaultClient(new Uri("http://localhost"), new CookieJar(jar)));
        visitors.AddRange([onFirst, onSecond]);
        return (onFirst, onSecond);
    }

    public async ValueTask DisposeAsync()
    {
        visitors.ForEach(v => v.Dispose());
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await database.DropAsync();
    }

    public sealed class Instance(string connectionString) : PlenaryApp
    {
        private readonly Dictionary<HttpClient, CookieContainer> jars = [];

        public override string Provider => "PostgreSQL";

        protected override void UseDatabase(IWebHostBuilder web) => web.UseSetting("ConnectionStrings:Postgres", connectionString);

        /// <summary>Visitors whose cookies can be read, to carry a sign-in to the other instance.</summary>
        public override HttpClient CreateVisitor()
        {
            var jar = new CookieContainer();
            var visitor = CreateDefaultClient(new Uri("http://localhost"), new CookieJar(jar));
            jars[visitor] = jar;
            return visitor;
        }

        public CookieContainer JarOf(HttpClient visitor) => jars[visitor];
    }
}
