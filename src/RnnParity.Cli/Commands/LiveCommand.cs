using System.CommandLine;
using System.Globalization;
using RnnParity.Python.Parity;

namespace RnnParity.Cli.Commands;

/// <summary><c>rnnparity live</c>: C# against the NumPy reference in one process, compared in memory.</summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var python = PythonSession.PythonOption();
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("live", "Run seeded SimpleRNN/LSTM/GRU configurations and layered models through C# and the NumPy reference in-process and compare.")
        {
            python, timeout,
        };
        command.SetAction(parse => PythonSession.Run("live", ["numpy"], parse.GetValue(python), parse.GetValue(timeout), () => Run(Console.Out)));
        return command;
    }

    public static int Run(TextWriter stdout)
    {
        int failed = 0;
        foreach (var c in LiveParityCase.Standard)
        {
            var r = LiveParity.Run(c);
            string err = r.Comparison is { } cmp ? cmp.MaxAbsError.ToString("0.###e+00", CultureInfo.InvariantCulture) : "-";
            stdout.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {c.Name}  max_abs_error={err}");
            if (!r.Passed)
            {
                failed++;
                stdout.WriteLine($"      {r.Error ?? r.Comparison!.Describe()}");
            }
        }
        var models = LiveModelParity.Names();
        foreach (string name in models)
        {
            var r = LiveModelParity.Run(name);
            string err = r.Comparisons.Count > 0 ? r.MaxAbsError.ToString("0.###e+00", CultureInfo.InvariantCulture) : "-";
            stdout.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  model {name}  max_abs_error={err}");
            if (!r.Passed)
            {
                failed++;
                stdout.WriteLine($"      {r.Describe()}");
            }
        }
        int total = LiveParityCase.Standard.Count + models.Count;
        stdout.WriteLine($"live: {total} configurations: {total - failed} PASS, {failed} FAIL");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
