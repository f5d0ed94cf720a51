using FluentValidation;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Web;

namespace Plenary.Kernel.Validation;

/// <summary>The rules every input shares, worded once.</summary>
public static class Rules
{
    /// <summary>The input's id, which a page links its message to and the API names the error by.</summary>
    public static IRuleBuilderInitial<T, TProperty> Field<T, TProperty>(this IRuleBuilderInitial<T, TProperty> rule, string field) =>
        rule.Configure(r => r.PropertyName = field);

    /// <summary>No line breaks or control characters: the text is shown on one line, in lists, mails and exports.</summary>
    public static IRuleBuilderOptions<T, string> OnOneLine<T>(this IRuleBuilder<T, string> rule, IStringLocalizer L) =>
        rule.Must(SingleLine.Holds).WithMessage(_ => SingleLine.Problem(L));

    /// <summary>Short enough to store: empty, or at most <paramref name="max"/> characters as the rule reads the text.</summary>
    // Generic in the text's type so that it follows a rule on a text that may be null as well as on one that may not.
    public static IRuleBuilderOptions<T, TText> AtMost<T, TText>(this IRuleBuilder<T, TText> rule, int max, IStringLocalizer L) where TText : IEnumerable<char>? =>
        rule.Must(text => text is not string written || written.Length <= max).WithMessage(_ => TooLong(L, max));

    /// <summary>The one wording of a length limit, for a check made outside a validator.</summary>
    public static string TooLong(IStringLocalizer L, int max) => L["Shorten this to at most {0} characters.", max];

    /// <summary>The same, saying how long the text is, for a cell of an uploaded file that nobody sees in a form.</summary>
    public static string TooLong(IStringLocalizer L, int max, int length) => L["Shorten this to at most {0} characters (it has {1}).", max, length];

    /// <summary>A choice among the enum's names, as <see cref="EnumValue"/> reads it.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.Must(text => EnumValue.TryParse<TEnum>(text, out _));
}

public static class ValidationSetup
{
    public static WebApplicationBuilder AddValidation(this WebApplicationBuilder builder)
    {
        // Validators hold the localizer (scoped to the request's culture through the resources) and, for database
        // checks, the context: scoped like the change services that use them.
        builder.Services.AddValidatorsFromAssemblyContaining<Refusal>(ServiceLifetime.Scoped, includeInternalTypes: true);
        // Fields carry the input's own id, never a name FluentValidation would make up from the property.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        return builder;
    }
}

/// <summary>
/// What a form is checked against besides itself (the forum, the thing being changed), handed to its validator with
/// the form so that one validator serves a page and the API alike.
/// </summary>
public static class ValidationScope
{
    private const string Key = "scope";

    public static ValidationContext<T> Context<T>(T input, object scope)
    {
        var context = new ValidationContext<T>(input);
        context.RootContextData[Key] = scope;
        return context;
    }

    /// <summary>What the input is checked against, as handed to <see cref="CheckAsync"/>.</summary>
    public static TScope Scope<TScope>(this IValidationContext context) => (TScope)context.RootContextData[Key];

    /// <summary>Validates the input against what it changes; the failures as a refusal, empty when it holds.</summary>
    public static async Task<Refusal> CheckAsync<T>(this IValidator<T> validator, T input, object scope, CancellationToken cancel) =>
        Refusal.From(await validator.ValidateAsync(Context(input, scope), cancel));
}
