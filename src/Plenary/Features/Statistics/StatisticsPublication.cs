using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Plenary.Features.Forums;
using Plenary.Infrastructure.Data;
using Plenary.Kernel.Access;
using Plenary.Kernel.Audit;
using Plenary.Kernel.Links;

namespace Plenary.Features.Statistics;

/// <summary>A forum's statistics are public from <see cref="PublishedAt"/>; without a row, or with none, only its Secretariat sees them.</summary>
public sealed class StatisticsPublication
{
    public int ForumId { get; set; }
    public DateTime? PublishedAt { get; set; }
}

public sealed class StatisticsPublicationConfiguration : IEntityTypeConfiguration<StatisticsPublication>
{
    public void Configure(EntityTypeBuilder<StatisticsPublication> publication)
    {
        publication.ToTable("StatisticsPublications");
        publication.HasKey(p => p.ForumId);
        publication.HasOne<Forum>().WithMany().HasForeignKey(p => p.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class StatisticsLinks
{
    /// <summary>"/igf2022/statistics".</summary>
    public static string Page(string forumSlug) => LinkPath.InForum(forumSlug, "statistics");

    /// <summary>"/igf2022/statistics/registrations-by-country.csv": one figure's table.</summary>
    public static string Csv(string forumSlug, string figure) => LinkPath.InForum(forumSlug, "statistics/") + LinkPath.Segment(figure) + ".csv";

    /// <summary>"/api/forums/igf2022/statistics".</summary>
    public static string Api(string forumSlug) => LinkPath.Api(forumSlug) + "/statistics";
}

/// <summary>Who sees a forum's statistics, and their publication, in one place for the page, the CSV files and the API.</summary>
public sealed class StatisticsAccess(PlenaryDb db, IAuthorizationService authorization, TimeProvider clock)
{
    public Task<DateTime?> PublishedAtAsync(int forumId, CancellationToken cancel) =>
        db.StatisticsPublications.Where(p => p.ForumId == forumId).Select(p => p.PublishedAt).FirstOrDefaultAsync(cancel);

    /// <summary>The forums whose statistics are public, for the figures across editions.</summary>
    public Task<List<int>> PublishedForumsAsync(CancellationToken cancel) =>
        db.StatisticsPublications.Where(p => p.PublishedAt != null).Select(p => p.ForumId).ToListAsync(cancel);

    public async Task<bool> IsSecretariatAsync(ClaimsPrincipal user, Forum forum) =>
        user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, forum, Policies.RunForum)).Succeeded;

    /// <summary>The statistics as the visitor may read them: null when they are not published and the visitor is not the forum's Secretariat.</summary>
    public async Task<(ForumStatistics Statistics, DateTime? PublishedAt, bool Secretariat)?> ReadableAsync(Forum forum, ClaimsPrincipal user, CancellationToken cancel)
    {
        var published = await PublishedAtAsync(forum.Id, cancel);
        var secretariat = await IsSecretariatAsync(user, forum);
        if (published is null && !secretariat)
        {
            return null;
        }
        var statistics = await ForumStatistics.ComputeAsync(db, forum, clock.GetUtcNow().UtcDateTime, await PublishedForumsAsync(cancel), cancel);
        return (statistics, published, secretariat);
    }

    /// <summary>Publishes (true) or withdraws (false) the statistics, audited as other publications are; the caller checked the Secretariat.</summary>
    public async Task SetPublishedAsync(Forum forum, bool publish, ClaimsPrincipal user, CancellationToken cancel)
    {
        var publication = await db.StatisticsPublications.AsTracking().FirstOrDefaultAsync(p => p.ForumId == forum.Id, cancel);
        if (publication is null)
        {
            publication = new StatisticsPublication { ForumId = forum.Id };
            db.StatisticsPublications.Add(publication);
        }
        if (publish == publication.PublishedAt.HasValue)
        {
            return;
        }
        publication.PublishedAt = publish ? clock.GetUtcNow().UtcDateTime : null;
        db.Record(user, clock, forum.Id, publish ? "statistics.publish" : "statistics.withdraw", forum.Slug, null, null);
        await db.SaveChangesAsync(cancel);
    }
}
