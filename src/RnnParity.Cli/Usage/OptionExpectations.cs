using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;

namespace RnnParity.Cli.Usage;

/// <summary>
/// What an option's value must be, in words, so a bad value is answered with
/// <c>--timeout 'abc': expected a positive whole number of seconds</c> instead of the parser's type names.
/// </summary>
public static class OptionExpectations
{
    static readonly ConditionalWeakTable<Option, string> Phrases = new();

    /// <summary>Records <paramref name="phrase"/> as what <paramref name="option"/> expects; values <paramref name="accept"/> refuses are parse errors saying so.</summary>
    public static Option<T> Expects<T>(this Option<T> option, string phrase, Func<T, bool>? accept = null)
    {
        Phrases.AddOrUpdate(option, phrase);
        if (accept is not null)
            option.Validators.Add(result =>
            {
                T? value;
                try { value = result.GetValueOrDefault<T>(); }
                catch (InvalidOperationException) { return; } // a value that did not convert is reported once, as such
                if (!accept(value!)) result.AddError(Describe(option, ValueOf(result)));
            });
        return option;
    }

    /// <summary><c>--name 'value': expected ...</c>, or <c>--name needs a value: ...</c> when none was given.</summary>
    public static string Describe(Option option, string? value)
    {
        string expected = ExpectedOf(option);
        if (value is not null) return $"{option.Name} '{value}': expected {expected}";
        return expected == AnyValue ? $"{option.Name} needs a value" : $"{option.Name} needs a value: {expected}";
    }

    const string AnyValue = "a value";

    /// <summary>The recorded phrase, else the allowed values, else the value type in words.</summary>
    public static string ExpectedOf(Option option)
    {
        if (Phrases.TryGetValue(option, out string? phrase)) return phrase;
        var allowed = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        if (allowed.Count > 0 && option.ValueType != typeof(bool)) return "one of " + string.Join(", ", allowed);
        Type type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type.IsArray) type = type.GetElementType()!;
        return type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) || type == typeof(float) ? "a number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(string) ? AnyValue
            : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
            : $"a {type.Name}";
    }

    internal static string? ValueOf(SymbolResult result) =>
        result.Tokens.Count == 0 ? null : string.Join(" ", result.Tokens.Select(t => t.Value));
}
