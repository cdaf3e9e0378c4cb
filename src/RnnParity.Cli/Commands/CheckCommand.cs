using System.CommandLine;

namespace RnnParity.Cli.Commands;

/// <summary>
/// <c>rnnparity check MODEL_FILE</c>: capture the model with Keras into a temporary case and verify the C#
/// implementation against it; the one command a porting engineer runs.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var inputs = new CaptureCommand.InputOptions();
        var keep = new Option<string?>("--keep") { Description = "Write the captured case to this folder and keep it (default: a temporary folder, deleted)." };
        var python = PythonSession.PythonOption();
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("check", "Capture a Keras model file with Keras and verify that C# computes the same: the verdict, and where it diverges.");
        inputs.AddTo(command);
        command.Options.Add(keep);
        command.Options.Add(python);
        command.Options.Add(timeout);
        command.SetAction(parse =>
        {
            string? kept = parse.GetValue(keep);
            string model = parse.GetValue(inputs.ModelFile)!;
            string? scratch = kept is null ? Path.Combine(Path.GetTempPath(), "rnnparity-check-" + Guid.NewGuid().ToString("N")[..12]) : null;
            var request = inputs.Request(parse, kept ?? Path.Combine(scratch!, CaseFolderName(model)));
            if (CaptureCommand.Validate(request, "check", Console.Error) is { } usage) return usage;
            KerasSetup.PreferNumpyBackend();
            try
            {
                return PythonSession.Run("check", ["numpy", "keras"], parse.GetValue(python), parse.GetValue(timeout),
                    () => Run(request, kept is not null, Console.Out, Console.Error), KerasSetup.Hint);
            }
            finally
            {
                if (scratch is not null && Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }

    /// <summary>The temporary case's folder: the model file's name without its extension.</summary>
    internal static string CaseFolderName(string modelFile) =>
        Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(modelFile)) is { Length: > 0 } stem ? stem : "model";

    /// <summary>Captures (see <see cref="CaptureCommand.Run"/>), then verifies; 0 when C# matches Keras, 1 when it does not.</summary>
    public static int Run(CaptureRequest request, bool kept, TextWriter stdout, TextWriter stderr)
    {
        int captured = CaptureCommand.Run(request, "check", stdout, stderr, out string? caseDir);
        if (captured != ExitCodes.Ok || caseDir is null) return captured;
        int verified = VerifyCommand.Run([caseDir], null, stdout, stderr);
        string file = Path.GetFileName(request.ModelFile);
        if (verified == ExitCodes.Ok)
            stdout.WriteLine($"check: PASS: C# computes what Keras computes for {file}, within the case's tolerance.");
        else
        {
            stdout.WriteLine($"check: FAIL: C# differs from Keras on {file}; the lines above say where (output, indices, error per timestep).");
            stdout.WriteLine(kept
                ? $"check: the case is kept in {caseDir}; 'rnnparity verify {caseDir}' repeats the comparison without Python."
                : "check: rerun with --keep DIR to keep the case; 'rnnparity verify DIR' then repeats the comparison without Python.");
        }
        return verified;
    }
}
