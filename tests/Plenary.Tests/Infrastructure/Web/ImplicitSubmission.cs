using AngleSharp.Dom;

namespace Plenary.Tests.Infrastructure.Web;

/// <summary>
/// What Enter in a form's field does, read from the HTML as a browser reads it (HTML's implicit submission): the form's
/// default button, its first submit button in tree order, is pressed, and the form goes where that button sends it.
/// </summary>
public static class ImplicitSubmission
{
    /// <summary>The form's submit buttons in tree order: buttons without a type or of type submit, and submit or image inputs.</summary>
    public static List<IElement> SubmitButtons(IElement form) =>
        form.QuerySelectorAll("button, input").Where(e => e.LocalName == "button"
            ? (e.GetAttribute("type")?.ToLowerInvariant() ?? "submit") is not ("button" or "reset")
            : e.GetAttribute("type")?.ToLowerInvariant() is "submit" or "image").ToList();

    public static IElement DefaultButton(IElement form) =>
        SubmitButtons(form).FirstOrDefault() ?? throw new InvalidOperationException("The form has no submit button.");

    /// <summary>Where pressing a button sends its form: the button's own formaction, else the form's action.</summary>
    public static string Target(IElement form, IElement button) =>
        button.GetAttribute("formaction") ?? form.GetAttribute("action") ?? "";

    /// <summary>The page handler a button's press reaches, from <c>?handler=</c>; null for the page's plain post.</summary>
    public static string? Handler(IElement form, IElement button) => HandlerOf(Target(form, button));

    /// <summary>The page handler of the form's own action.</summary>
    public static string? Handler(IElement form) => HandlerOf(form.GetAttribute("action") ?? "");

    private static string? HandlerOf(string url)
    {
        var query = url.Split('?', 2) is [_, var q] ? q : "";
        return query.Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == "handler").Select(p => p.ElementAtOrDefault(1)).FirstOrDefault();
    }

    /// <summary>A button hidden from sight, keyboard and assistive technology, there only to be the form's default.</summary>
    public static bool IsHiddenDefault(IElement button) =>
        button.HasAttribute("data-default-submit") && button.GetAttribute("aria-hidden") == "true" && button.GetAttribute("tabindex") == "-1"
        && button.ClassList.Contains("sr");
}
