namespace Plenary.Kernel.Validation;

/// <summary>Reads a form's or a query's choice among an enum's values.</summary>
public static class EnumValue
{
    /// <summary>
    /// True only for one of the enum's own names, as the form offers it. Enum.TryParse alone also takes numbers
    /// ("7", even undefined ones), which would save a value no option offers.
    /// </summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    /// <summary>The value named, or null when the text names none of them.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum => TryParse<T>(text, out var value) ? value : null;
}
