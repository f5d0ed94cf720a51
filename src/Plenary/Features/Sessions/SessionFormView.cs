using Plenary.Features.Forums;
using Plenary.Features.Sdgs;

namespace Plenary.Features.Sessions;

/// <summary>What the shared session form needs, whether it creates a session or changes one.</summary>
public sealed record SessionFormView(Forum Forum, SessionForm Form, string? TargetsText, string? TagsText, IReadOnlyDictionary<string, string> Errors,
    bool Timetable, bool Creating, SdgCatalogue Sdgs, IReadOnlyList<SdgOffer>? Offers = null);

/// <summary>
/// A goal the session's text suggests, offered on its form with the words that matched: a button for the goal when it is
/// not ticked, one for each of its suggested targets not listed.
/// </summary>
public sealed record SdgOffer(int Goal, double Score, IReadOnlyList<string> Matched, bool GoalChosen, IReadOnlyList<string> Targets);
