namespace Plenary.Infrastructure.Web;

/// <summary>
/// A page whose form keeps what is typed in the browser's local storage and puts it back when the form is opened
/// again (wwwroot/js/report.js), so an error page may truthfully tell the writer their text is not lost.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class KeepsDraftInBrowserAttribute : Attribute;
