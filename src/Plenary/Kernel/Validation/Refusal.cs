using FluentValidation.Results;

namespace Plenary.Kernel.Validation;

/// <summary>
/// Why a change was refused: messages by field, in the order they were found. The field is the form input's id (so a
/// page links each message to its input) and the API's error key; "" is a reason about the whole change.
/// </summary>
public sealed class Refusal
{
    private readonly List<KeyValuePair<string, List<string>>> reasons = [];

    public bool IsEmpty => reasons.Count == 0;

    /// <summary>The HTTP status that tells the refusal: 400 for input to mend, 409 when the change no longer fits what is stored, 429 for too many.</summary>
    public int Status { get; private set; } = StatusCodes.Status400BadRequest;

    /// <summary>Someone else changed the thing meanwhile; nothing is written and the page shows their version beside one's own.</summary>
    public bool Stale { get; private set; }

    public Refusal WithStatus(int status)
    {
        Status = status;
        return this;
    }

    /// <summary>Refused because the thing changed since the form was opened.</summary>
    public static Refusal Meanwhile(string message) => new Refusal { Stale = true }.Add("", message).WithStatus(StatusCodes.Status409Conflict);

    /// <summary>Messages kept by field in a form's own check, one a field.</summary>
    public static Refusal From(IEnumerable<KeyValuePair<string, string>> errors)
    {
        var refusal = new Refusal();
        foreach (var (field, message) in errors)
        {
            refusal.Add(field, message);
        }
        return refusal;
    }

    public IEnumerable<string> Fields => reasons.Select(r => r.Key);

    public static Refusal Of(string field, string message) => new Refusal().Add(field, message);

    /// <summary>The failures of a FluentValidation run, each under its property name (set by OverridePropertyName).</summary>
    public static Refusal From(ValidationResult result)
    {
        var refusal = new Refusal();
        foreach (var failure in result.Errors)
        {
            refusal.Add(failure.PropertyName, failure.ErrorMessage);
        }
        return refusal;
    }

    public Refusal Add(string field, string message)
    {
        var found = reasons.FindIndex(r => r.Key == field);
        if (found < 0)
        {
            reasons.Add(new(field, [message]));
        }
        else
        {
            reasons[found].Value.Add(message);
        }
        return this;
    }

    public Refusal Add(Refusal other)
    {
        foreach (var (field, messages) in other.reasons)
        {
            messages.ForEach(m => Add(field, m));
        }
        return this;
    }

    public bool Has(string field) => reasons.Exists(r => r.Key == field);

    /// <summary>The first reason given for the field, the one a page shows beside it.</summary>
    public string? First(string field) => reasons.Find(r => r.Key == field).Value?[0];

    /// <summary>The reasons as RFC 9457 problem details carry them.</summary>
    public Dictionary<string, string[]> ToProblemErrors() => reasons.ToDictionary(r => r.Key, r => r.Value.ToArray());

    /// <summary>One reason a field, the first: what a page's error list shows.</summary>
    public IEnumerable<KeyValuePair<string, string>> FirstPerField() => reasons.Select(r => new KeyValuePair<string, string>(r.Key, r.Value[0]));
}

/// <summary>A change either done, with what it made, or refused with its reasons; nothing is written when refused.</summary>
public sealed class ChangeResult<T>
{
    private ChangeResult(T? value, Refusal? refusal) => (Value, Reasons) = (value, refusal ?? new Refusal());

    public T? Value { get; }

    public Refusal Reasons { get; }

    public bool IsDone => Reasons.IsEmpty;

    public static ChangeResult<T> Done(T value) => new(value, null);

    public static ChangeResult<T> Refused(Refusal refusal) =>
        refusal.IsEmpty ? throw new ArgumentException("A refusal names at least one reason.", nameof(refusal)) : new(default, refusal);

    public static implicit operator ChangeResult<T>(Refusal refusal) => Refused(refusal);
}
