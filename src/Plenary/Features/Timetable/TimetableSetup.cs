namespace Plenary.Features.Timetable;

public static class TimetableSetup
{
    public static void AddTimetable(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TimetableMoveChange>();
        builder.Services.AddScoped<TimetableSettingsChange>();
    }
}
