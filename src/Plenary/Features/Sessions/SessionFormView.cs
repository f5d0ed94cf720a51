using Plenary.Features.Forums;
using Plenary.Features.Sdgs;

namespace Plenary.Features.Sessions;

/// <summary>What the shared session form needs, whether it creates a session or changes one.</summary>
public sealed record SessionFormView(Forum Forum, SessionForm Form, string? TargetsText, string? TagsText, IReadOnlyDictionary<string, string> Errors,
    bool Timetable, bool Creating, SdgCatalogue Sdgs);
