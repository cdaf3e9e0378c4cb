using System.CommandLine;
using System.Text.Json;
using Python.Runtime;
using RnnParity.Cli.Usage;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary>What to capture: a model file, where the case goes, and the inputs (given, or drawn from the seed).</summary>
public sealed record CaptureRequest(string ModelFile, string OutDir, IReadOnlyList<string> Inputs, int? Batch, int? Timesteps, int Seed);

/// <summary>
/// <c>rnnparity capture MODEL_FILE --out CASE_DIR</c>: embedded Keras loads the file (safe mode, not
/// compiled), runs it on given or seeded inputs and writes a fixture case through python/capture.py.
/// </summary>
public static class CaptureCommand
{
    /// <summary>The options capture and check share.</summary>
    internal sealed class InputOptions
    {
        public Argument<string> ModelFile { get; } = new("MODEL_FILE") { Description = "The Keras model file: Keras 3 .keras, or legacy .h5 (Keras 3, tf.keras 2, Keras 2)." };
        public Option<string[]> Input { get; } = new("--input") { Description = "An input array (.npy) per model input, in the model's input order (default: drawn from --seed).", Arity = ArgumentArity.ZeroOrMore };
        public Option<int?> Batch { get; } = new Option<int?>("--batch") { Description = "Batch size of the drawn inputs (default: the declared one, else 4)." }
            .Expects("a positive whole number", n => n is null or >= 1);
        public Option<int?> Timesteps { get; } = new Option<int?>("--timesteps") { Description = "Timesteps of the drawn inputs (default: the declared ones, else 12)." }
            .Expects("a positive whole number", n => n is null or >= 1);
        public Option<int> Seed { get; } = new("--seed") { Description = "Seed of numpy.random.default_rng for the drawn inputs.", DefaultValueFactory = _ => 0 };

        public void AddTo(Command command)
        {
            command.Arguments.Add(ModelFile);
            command.Options.Add(Input);
            command.Options.Add(Batch);
            command.Options.Add(Timesteps);
            command.Options.Add(Seed);
        }

        public CaptureRequest Request(ParseResult parse, string outDir) =>
            new(parse.GetValue(ModelFile)!, outDir, parse.GetValue(Input) ?? [], parse.GetValue(Batch), parse.GetValue(Timesteps), parse.GetValue(Seed));
    }

    public static Command Create()
    {
        var inputs = new InputOptions();
        var output = new Option<string>("--out") { Description = "The case folder to write (its name, lower-cased with other characters than a-z0-9_ as _, is the case name).", Required = true };
        var python = PythonSession.PythonOption();
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("capture", "Load a Keras model file with Keras (safe mode), run it on seeded or given inputs, and write a fixture case of it.");
        inputs.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(python);
        command.Options.Add(timeout);
        command.SetAction(parse =>
        {
            var request = inputs.Request(parse, parse.GetValue(output)!);
            if (Validate(request, "capture", Console.Error) is { } usage) return usage;
            KerasSetup.PreferNumpyBackend();
            return PythonSession.Run("capture", ["numpy", "keras"], parse.GetValue(python), parse.GetValue(timeout),
                () => Run(request, "capture", Console.Out, Console.Error, out _), KerasSetup.Hint);
        });
        return command;
    }

    /// <summary>Checks what can be checked without Python; prints the problem and returns exit 2, or null when fine.</summary>
    internal static int? Validate(CaptureRequest r, string command, TextWriter stderr)
    {
        string? problem =
            Directory.Exists(r.ModelFile) ? $"the model file '{r.ModelFile}' is a folder; give the .keras or .h5 file"
            : !File.Exists(r.ModelFile) ? $"cannot read the model file '{r.ModelFile}': no such file"
            : r.Inputs.FirstOrDefault(f => !File.Exists(f)) is { } missing ? $"--input '{missing}': no such file"
            : r.Batch is < 1 ? $"--batch must be a positive integer, got {r.Batch}"
            : r.Timesteps is < 1 ? $"--timesteps must be a positive integer, got {r.Timesteps}"
            : r.Inputs.Count > 0 && (r.Batch is not null || r.Timesteps is not null) ? "--batch and --timesteps choose the drawn inputs; they cannot go with --input"
            : null;
        if (problem is null) return null;
        stderr.WriteLine($"rnnparity {command}: {problem}");
        return ExitCodes.Usage;
    }

    /// <summary>
    /// Runs python/capture.py's <c>capture</c> in the started runtime and prints what it wrote. Exit 0 when
    /// the case is written (or already identical), 2 for a file or options capture refuses (the message
    /// names the file and the problem), 3 when keras does not import; other Python errors propagate.
    /// </summary>
    public static int Run(CaptureRequest r, string command, TextWriter stdout, TextWriter stderr, out string? caseDir)
    {
        caseDir = null;
        string json;
        try
        {
            using (Py.GIL())
            {
                using var inputs = GenerateCommand.ToPyList(r.Inputs.Select(Path.GetFullPath));
                var kwargs = new Dictionary<string, object?>
                {
                    ["input_files"] = inputs, ["batch"] = r.Batch, ["timesteps"] = r.Timesteps, ["seed"] = r.Seed,
                };
                using var report = PythonCall.Invoke("capture", "capture", [Path.GetFullPath(r.ModelFile), Path.GetFullPath(r.OutDir)], kwargs);
                using var jsonModule = Py.Import("json");
                using var text = jsonModule.InvokeMethod("dumps", report);
                json = text.As<string>();
            }
        }
        catch (PythonScriptException e) when (e.PythonType.EndsWith("CaptureError", StringComparison.Ordinal))
        {
            stderr.WriteLine($"rnnparity {command}: {e.PythonMessage}");
            return ExitCodes.Usage;
        }
        catch (PythonScriptException e) when (e.PythonType.EndsWith("KerasUnavailable", StringComparison.Ordinal))
        {
            stderr.WriteLine($"rnnparity {command}: {e.PythonMessage}");
            stderr.WriteLine(KerasSetup.Hint);
            return ExitCodes.PythonUnavailable;
        }

        using var doc = JsonDocument.Parse(json);
        JsonElement rep = doc.RootElement;
        caseDir = rep.GetProperty("path").GetString()!;
        string name = rep.GetProperty("name").GetString()!;
        bool written = rep.GetProperty("written").GetBoolean();
        stdout.WriteLine(written
            ? $"{command}: wrote case {name} to {caseDir} (Keras {rep.GetProperty("keras").GetString()})"
            : $"{command}: case {name} in {caseDir} is already identical; left as it was");
        if (Path.GetFullPath(r.OutDir).TrimEnd(Path.DirectorySeparatorChar) != caseDir)
            stdout.WriteLine($"      note: a case's folder must bear its name, so it is {caseDir}, not {r.OutDir}");
        stdout.WriteLine($"      inputs: {rep.GetProperty("inputs").GetString()}");
        stdout.WriteLine($"      outputs: {string.Join(", ", rep.GetProperty("outputs").EnumerateArray().Select(s => "(" + string.Join(", ", s.EnumerateArray()) + ")"))}");
        foreach (var note in rep.GetProperty("notes").EnumerateArray())
            stdout.WriteLine($"      note: {note.GetString()}");
        return ExitCodes.Ok;
    }
}
