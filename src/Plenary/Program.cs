using Plenary.Features.Accounts;
using Plenary.Features.Demo;
using Plenary.Features.Mail;
using Plenary.Features.Messages;
using Plenary.Features.Manage;
using Plenary.Features.Forums;
using Plenary.Features.Forums.Archive;
using Plenary.Features.People;
using Plenary.Features.Registrations;
using Plenary.Features.Proposals;
using Plenary.Features.Reports;
using Plenary.Features.Reviews;
using Plenary.Features.Queue;
using Plenary.Features.Rooms;
using Plenary.Features.Schedule;
using Plenary.Features.Search;
using Plenary.Features.Sdgs;
using Plenary.Features.Sessions;
using Plenary.Features.Statistics;
using Plenary.Features.Timetable;
using Plenary.Features.Releases;
using Plenary.Features.Agenda;
using Plenary.Features.Certificates;
using Plenary.Features.VisaLetters;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Operations;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Access;
using Plenary.Kernel.Caching;
using Plenary.Kernel.Validation;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebSetup.PublishedWebRoot() });

builder.AddPlenaryDatabase();
builder.AddOperations();
builder.AddPublicCache();
builder.AddValidation();
builder.AddPlenaryLocalization();
builder.AddPlenaryWeb();
builder.AddPublicOrigin();
builder.AddSdgs();
builder.Services.AddSingleton(_ => Plenary.Features.Frameworks.FrameworkCatalogue.Load());
builder.AddDemoForum();
builder.AddPlenaryMail();
builder.AddAccounts();
builder.AddAccess();
builder.AddSessionEditing();
builder.AddRoomEditing();
builder.AddWorkspaceEditing();
builder.AddRegistration();
builder.AddProposals();
builder.AddReviews();
builder.AddReports();
builder.AddTimetable();
builder.AddSpeakingQueue();
builder.AddMessages();
builder.AddReleases();
builder.AddAgenda();
builder.AddSearch();
builder.AddStatistics();
builder.AddCertificates();
builder.AddVisaLetters();

var app = builder.Build();

await app.MigrateDatabaseAsync();
// `migrate` alone: an upgrade brings the schema up to date once, before any instance of the new release starts, so
// that instances never serve while another one changes the schema under them (README, "Running in production").
if (args is ["migrate"])
{
    Console.WriteLine("The database schema is up to date.");
    return;
}
if (await app.RunCommandAsync(args)) return;
if (await app.RunSearchCommandAsync(args)) return;
await app.SeedDemoForumAsync();

app.UsePlenaryWeb();
app.MapStaticAssets();
app.MapOpenApi().AllowAnonymous();
app.MapOperations();
app.MapLanguageSwitch();
app.MapForumsApi();
app.MapForumArchive();
app.MapSessionsApi();
app.MapSessionsWriteApi();
app.MapManageApi();
app.MapRegistrationApi();
app.MapCertificateApi();
app.MapRoomsApi();
app.MapPeopleApi();
app.MapSdgsApi();
app.MapScheduleExports();
app.MapReportsFeed();
app.MapQueueEvents();
app.MapOutcomeFiles();
app.MapProposalsApi();
app.MapAgendaFeed();
app.MapSearchApi();
app.MapStatistics();

app.MapRazorPages().WithStaticAssets();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
