// The marker type for the one resource file that holds every user-visible string (Resources/SharedResource.*.resx).
// It sits in the root namespace so that the file name carries no folder prefix.
#pragma warning disable IDE0130
namespace Plenary;

public sealed class SharedResource;
