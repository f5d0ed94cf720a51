namespace Plenary.Features.VisaLetters;

/// <summary>The letter's fields as a form shows them: on the registration page (named under Form.Visa) and on the letter page.</summary>
/// <param name="RetentionDays">The forum's own setting: the form promises the deletion the forum will actually carry out.</param>
public sealed record VisaFieldsView(VisaLetterForm Form, string Prefix, IReadOnlyDictionary<string, string> Errors, int RetentionDays);
