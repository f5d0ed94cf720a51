using Plenary.Features.Sdgs;

namespace Plenary.Features.Demo;

public static partial class DemoForum
{
    private static void AddInventedSessions(DemoContent content, SdgCatalogue sdgs, DemoOptions options)
    {
        _ = (content, sdgs, options);
    }
}
