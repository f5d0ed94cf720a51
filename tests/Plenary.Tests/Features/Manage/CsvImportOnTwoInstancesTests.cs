using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Plenary.Features.Manage;
using Plenary.Tests.Infrastructure.Fixtures;
using Plenary.Kernel.Access;

namespace Plenary.Tests.Features.Manage;

/// <summary>The uploaded files travel sealed in the preview's form, so an import previewed on one instance completes on another with its own disk.</summary>
public sealed class CsvImportOnTwoInstancesTests
{
    [Fact]
    public async Task A_preview_from_one_instance_is_imported_by_the_other()
    {
        await using var instances = await TwoInstances.StartAsync();
        var (first, second) = (instances.First, instances.Second);
        first.DataFolder.ShouldNotBe(second.DataFolder);
        var (onFirst, onSecond) = instances.OneVisitorOnBoth();
        var email = $"sec{Guid.NewGuid():N}@example.org";
        (await first.SignUpAsync(onFirst, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await onFirst.GetAsync(await first.LinkFromOutboxAsync(email, "confirm-email"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await first.InDbAsync(async db =>
        {
            db.ForumMembers.Add(new ForumMember
            {
                ForumId = await db.Forums.Where(f => f.Slug == "igf2022").Select(f => f.Id).SingleAsync(),
                AccountId = await db.Users.Where(a => a.Email == email).Select(a => a.Id).SingleAsync(),
                Role = ForumRole.Secretariat, AddedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        (await first.SignInAsync(onFirst, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var name = $"Two Instances {Guid.NewGuid():N}"[..24];
        var people = Encoding.UTF8.GetBytes(string.Join(',', PeopleCsv.Columns) + $"\nx,,{name},,,,,\n");

        using var preview = await PlenaryApp.UploadAsync(onFirst, "/igf2022/manage/import", "/igf2022/manage/import?handler=Preview",
            new Dictionary<string, (string, byte[])> { ["people"] = ("people.csv", people) });
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var imported = await PlenaryApp.SubmitMultipartFormAsync(onSecond, await PlenaryApp.ParseAsync(preview), "form[action*='handler=Import']");

        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await second.InDbAsync(db => db.People.CountAsync(p => p.Name == name))).ShouldBe(1);
    }
}
