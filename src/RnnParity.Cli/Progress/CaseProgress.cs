using Spectre.Console;

namespace RnnParity.Cli.Progress;

/// <summary>What a command reports while it works through cases: where its lines go, and a tick per case.</summary>
public interface ICaseProgress
{
    /// <summary>Where the command's per-case lines go (through the live display when it shares the terminal).</summary>
    TextWriter Out { get; }

    /// <summary><paramref name="done"/> of <paramref name="total"/> cases finished, the last one <paramref name="name"/>.</summary>
    void Advance(int done, int total, string name);
}

/// <summary>
/// A progress bar (Spectre.Console) for commands that work through many cases, shown only when the
/// output is a terminal: on stdout when stdout is one (the case lines then go through the same live
/// display, above the bar), else on stderr. Redirected output (files, pipes, CI logs, the tests) stays
/// exactly the plain text it was.
/// </summary>
public static class CaseProgress
{
    /// <summary>Fewer cases than this finish before a bar would tell anything.</summary>
    public const int MinimumCases = 3;

    /// <summary>Whether to show a bar: enough cases (null: not known yet), a terminal on stdout or stderr, and a terminal that can redraw.</summary>
    public static bool Wanted(int? cases, bool stdoutRedirected, bool stderrRedirected, string? term) =>
        (cases is null or >= MinimumCases) && (!stdoutRedirected || !stderrRedirected) && term != "dumb";

    /// <summary>Runs <paramref name="work"/> with a bar labelled <paramref name="label"/> where <see cref="Wanted"/> says so, else quietly.</summary>
    /// <param name="total">The number of cases, or null when only the work finds out (it then passes the total to <see cref="ICaseProgress.Advance"/>).</param>
    public static T Run<T>(string label, int? total, TextWriter stdout, Func<ICaseProgress, T> work)
    {
        // Only the process's own console can be a terminal; a writer a caller passed in is left alone.
        if (!ReferenceEquals(stdout, Console.Out)
            || !Wanted(total, Console.IsOutputRedirected, Console.IsErrorRedirected, Environment.GetEnvironmentVariable("TERM")))
            return work(new Quiet(stdout));
        bool onStdout = !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(onStdout ? Console.Out : Console.Error) });
        return Render(console, label, total, onStdout ? null : stdout, work);
    }

    /// <summary>Runs <paramref name="work"/> under a live bar on <paramref name="console"/>; lines go to <paramref name="linesTo"/>, or through the console when null.</summary>
    internal static T Render<T>(IAnsiConsole console, string label, int? total, TextWriter? linesTo, Func<ICaseProgress, T> work) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                using var lines = linesTo is null ? new ConsoleLineWriter(console) : null;
                return work(new Live(task, label, (TextWriter?)lines ?? linesTo!));
            });

    sealed class Quiet(TextWriter stdout) : ICaseProgress
    {
        public TextWriter Out => stdout;

        public void Advance(int done, int total, string name) { }
    }

    sealed class Live(ProgressTask task, string label, TextWriter lines) : ICaseProgress
    {
        public TextWriter Out => lines;

        public void Advance(int done, int total, string name)
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(total, 1);
            task.Value = done;
            task.Description = Markup.Escape($"{label} {done}/{total} {name}");
        }
    }
}
