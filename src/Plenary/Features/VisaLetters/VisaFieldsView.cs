namespace Plenary.Features.VisaLetters;

/// <summary>The letter's fields as a form shows them: on the registration page (named under Form.Visa) and on the letter page.</summary>
public sealed record VisaFieldsView(VisaLetterForm Form, string Prefix, IReadOnlyDictionary<string, string> Errors);
