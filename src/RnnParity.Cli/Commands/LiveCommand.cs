using System.CommandLine;
using System.Globalization;
using Python.Runtime;
using RnnParity.Python;
using RnnParity.Python.Parity;

namespace RnnParity.Cli.Commands;

/// <summary>
/// <c>rnnparity live [--reference keras|numpy|both]</c>: C# against the NumPy reference and/or Keras in
/// one process, compared in memory. By default every reference that imports runs, each named in the output.
/// </summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var reference = new Option<string?>("--reference")
        {
            Description = "keras, numpy or both (default: every reference that imports: numpy, and keras where it imports).",
        };
        reference.AcceptOnlyFromAmong("keras", "numpy", "both");
        var python = PythonSession.PythonOption();
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("live", "Run seeded SimpleRNN/LSTM/GRU configurations through C# and the NumPy reference and/or Keras, and layered models through C# and the NumPy model interpreter, in-process, and compare.")
        {
            reference, python, timeout,
        };
        command.SetAction(parse =>
        {
            string? chosen = parse.GetValue(reference);
            KerasSetup.PreferNumpyBackend();
            if (chosen is null)
                return PythonSession.Run("live", ["numpy"], parse.GetValue(python), parse.GetValue(timeout),
                    () => Run(AvailableReferences(Console.Out), Console.Out), preferredModules: ["numpy", "keras"]);
            bool keras = chosen is "keras" or "both";
            LiveReference[] references = chosen switch
            {
                "keras" => [LiveReference.Keras],
                "both" => [LiveReference.NumPy, LiveReference.Keras],
                _ => [LiveReference.NumPy],
            };
            return PythonSession.Run("live", keras ? ["numpy", "keras"] : ["numpy"], parse.GetValue(python), parse.GetValue(timeout),
                () => Run(references, Console.Out), keras ? KerasHint() : null);
        });
        return command;
    }

    static string KerasHint() => $"rnnparity live: --reference keras needs keras, which does not import.{Environment.NewLine}{KerasSetup.Hint}";

    /// <summary>NumPy, and Keras where it imports in the running interpreter; says so when it does not.</summary>
    static IReadOnlyList<LiveReference> AvailableReferences(TextWriter stdout)
    {
        using (Py.GIL())
        {
            using PyObject answer = PythonCall.Invoke("keras_reference", "keras_available");
            using PyObject ok = answer[0];
            using PyObject message = answer[1];
            if (ok.IsTrue())
            {
                stdout.WriteLine($"live: references numpy and keras {message}");
                return [LiveReference.NumPy, LiveReference.Keras];
            }
            stdout.WriteLine($"live: reference numpy; keras not run: {message} (--reference keras makes it required)");
            return [LiveReference.NumPy];
        }
    }

    public static int Run(TextWriter stdout) => Run([LiveReference.NumPy], stdout);

    /// <summary>Every standard configuration against every reference given; 0 when all pass.</summary>
    public static int Run(IReadOnlyList<LiveReference> references, TextWriter stdout)
    {
        int failed = 0, total = 0;
        foreach (var reference in references)
            foreach (var c in LiveParityCase.Standard)
            {
                var r = LiveParity.Run(c, reference);
                total++;
                string err = r.Comparison is { } cmp ? cmp.MaxAbsError.ToString("0.###e+00", CultureInfo.InvariantCulture) : "-";
                stdout.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {LiveParity.NameOf(reference),-5}  {c.Name}  max_abs_error={err}");
                if (!r.Passed)
                {
                    failed++;
                    stdout.WriteLine($"      {r.Error ?? r.Comparison!.Describe()}");
                }
            }
        string names = string.Join(" and ", references.Select(LiveParity.NameOf));
        stdout.WriteLine($"live: {LiveParityCase.Standard.Count} configurations against {names}: {total - failed} PASS, {failed} FAIL");
        // Layered models run through the NumPy model interpreter; Keras builds no such models here.
        if (references.Contains(LiveReference.NumPy)) failed += RunModels(stdout);
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The layered models of <c>live_parity.model_names()</c> through C# and the NumPy model interpreter; returns how many failed.</summary>
    static int RunModels(TextWriter stdout)
    {
        int failed = 0;
        var models = LiveModelParity.Names();
        foreach (string name in models)
        {
            var r = LiveModelParity.Run(name);
            string err = r.Comparisons.Count > 0 ? r.MaxAbsError.ToString("0.###e+00", CultureInfo.InvariantCulture) : "-";
            stdout.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  model  {name}  max_abs_error={err}");
            if (!r.Passed)
            {
                failed++;
                stdout.WriteLine($"      {r.Describe()}");
            }
        }
        stdout.WriteLine($"live: {models.Count} layered models against numpy: {models.Count - failed} PASS, {failed} FAIL");
        return failed;
    }
}
