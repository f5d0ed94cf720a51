using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Plenary.Kernel.Validation;

/// <summary>Shows a refusal where it is read: a page's error list or model state, the API's problem details.</summary>
public static class RefusalResults
{
    /// <summary>Into a page's error list (the form's errors partial), one message a field; a field already there keeps its own.</summary>
    public static void CopyTo(this Refusal refusal, IDictionary<string, string> errors)
    {
        foreach (var (field, message) in refusal.FirstPerField())
        {
            errors.TryAdd(field, message);
        }
    }

    /// <summary>
    /// The one way a page shows its form again after a refused change: each reason beside its input (the page's error
    /// list) and the refusal's own status, 400 for input to mend, 409 when it changed meanwhile, 429 for too many.
    /// </summary>
    public static void ShowRefusal(this PageModel page, Refusal refusal, IDictionary<string, string> errors)
    {
        refusal.CopyTo(errors);
        page.Response.StatusCode = refusal.Status;
    }

    /// <summary>
    /// For a page that tells its refusal in its own place rather than in a form's error list (a link that no longer works,
    /// a query it cannot read, an upload's problems listed line by line): the same status as a refused form, 400, so that
    /// a machine reading the answer sees the refusal too.
    /// </summary>
    public static void ShowRefusalInPlace(this PageModel page) => page.Response.StatusCode = StatusCodes.Status400BadRequest;

    public static void AddRefusal(this ModelStateDictionary state, Refusal refusal)
    {
        foreach (var (field, messages) in refusal.ToProblemErrors())
        {
            foreach (var message in messages)
            {
                state.AddModelError(field, message);
            }
        }
    }

    /// <summary>400 with RFC 9457 problem details, each reason under its field.</summary>
    public static ValidationProblem ToProblem(this Refusal refusal, string title, IDictionary<string, object?>? extensions = null) =>
        TypedResults.ValidationProblem(refusal.ToProblemErrors(), title: title, extensions: extensions);

    /// <summary>Runs a validator and gives its failures as a refusal (empty when the input holds).</summary>
    public static async Task<Refusal> RefusalAsync<T>(this IValidator<T> validator, T input, CancellationToken cancel) =>
        Refusal.From(await validator.ValidateAsync(input, cancel));
}
