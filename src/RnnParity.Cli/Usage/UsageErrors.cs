using System.CommandLine;
using System.CommandLine.Parsing;

namespace RnnParity.Cli.Usage;

/// <summary>How a command line was called wrongly, in plain words: one line per problem, and whether help would help.</summary>
public sealed record UsageProblems(IReadOnlyList<string> Lines, string? HelpHint);

/// <summary>
/// Turns System.CommandLine's parse result into plain-language usage errors: "did you mean" for a
/// mistyped command or option, <c>--option 'value': expected ...</c> for a bad value. Also catches an
/// option-like token the parser quietly took as a path (<c>verify --jsno x</c>), which it does not report.
/// </summary>
public static class UsageErrors
{
    /// <summary>The problems of <paramref name="parse"/>; none when the command line is fine.</summary>
    public static UsageProblems Find(ParseResult parse)
    {
        CommandResult where = parse.CommandResult;
        string prefix = Path(where);
        var unknownOptions = new List<string>();
        var unknownWords = new List<string>();
        foreach (string token in parse.UnmatchedTokens)
            (LooksLikeOption(token) ? unknownOptions : unknownWords).Add(token);
        // After "--" every token is an argument by request; before it an unknown --word is a typo, not a path.
        if (!parse.Tokens.Any(t => t.Type == TokenType.DoubleDash))
            foreach (var argument in where.Children.OfType<ArgumentResult>())
                unknownOptions.AddRange(argument.Tokens.Select(t => t.Value).Where(LooksLikeOption));

        var lines = new List<string>();
        string help = $"Run '{prefix} --help' for usage.";
        if (unknownOptions.Count > 0 || unknownWords.Count > 0)
        {
            // A mistyped command leaves its options unmatched too; the command is the mistake to name.
            if (where.Command.Subcommands.Count > 0 && unknownWords.Count > 0)
            {
                string word = unknownWords[0];
                lines.Add($"{prefix}: unknown command '{word}'.{DidYouMean(word, where.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} Commands: {Commands(where.Command)}.");
                return new UsageProblems(lines, help);
            }
            foreach (string option in unknownOptions.Distinct())
                lines.Add($"{prefix}: unknown option '{option}'.{DidYouMean(option, OptionNames(where.Command, parse.RootCommandResult.Command))}");
            // A word after an unknown option is most likely its value, not a second mistake.
            if (unknownOptions.Count == 0)
                foreach (string word in unknownWords.Distinct())
                    lines.Add($"{prefix}: unexpected argument '{word}'.");
            return new UsageProblems(lines, help);
        }

        bool valueErrorsOnly = true;
        foreach (var error in parse.Errors)
        {
            string at = error.SymbolResult is { } s ? Path(CommandOf(s) ?? where) : prefix;
            switch (error.SymbolResult)
            {
                case OptionResult o:
                    lines.Add($"{at}: {ValueMessage(o.Option, o, error.Message)}");
                    break;
                case ArgumentResult { Parent: OptionResult o } a:
                    lines.Add($"{at}: {ValueMessage(o.Option, a, error.Message)}");
                    break;
                case ArgumentResult { Tokens.Count: 0 } a:
                    valueErrorsOnly = false;
                    lines.Add($"{at}: missing {a.Argument.Name}{(a.Argument.Description is { Length: > 0 } d ? $" ({d.TrimEnd('.')})" : "")}.");
                    break;
                case CommandResult c when c.Command.Subcommands.Count > 0 && c.Command.Action is null:
                    valueErrorsOnly = false;
                    lines.Add($"{at}: no command given. Commands: {Commands(c.Command)}.");
                    break;
                default:
                    valueErrorsOnly = false;
                    lines.Add($"{at}: {error.Message}");
                    break;
            }
        }
        // A bad value's line already says what was expected; other mistakes point at the help.
        return new UsageProblems(lines.Distinct().ToList(), lines.Count == 0 || valueErrorsOnly ? null : help);
    }

    static string ValueMessage(Option option, SymbolResult result, string parserMessage) =>
        // Messages from OptionExpectations' validators already have the plain form.
        parserMessage.StartsWith(option.Name + " ", StringComparison.Ordinal) ? parserMessage
        : OptionExpectations.Describe(option, OptionExpectations.ValueOf(result));

    static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsDigit(token[1]) && token[1] != '.';

    static string DidYouMean(string typed, IEnumerable<string> known) => Suggestions.For(typed, known) switch
    {
        [] => "",
        [var one] => $" Did you mean '{one}'?",
        var many => $" Did you mean one of {string.Join(", ", many.Select(m => $"'{m}'"))}?",
    };

    static IEnumerable<string> OptionNames(Command command, Command root)
    {
        var options = command.Options.AsEnumerable();
        if (command != root) options = options.Concat(root.Options.Where(o => o.Recursive));
        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    static string Commands(Command command) => string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));

    static CommandResult? CommandOf(SymbolResult result)
    {
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) return c;
        return null;
    }

    /// <summary>"rnnparity verify": the command names from the root down.</summary>
    static string Path(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Add(c.Parent is null ? "rnnparity" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
