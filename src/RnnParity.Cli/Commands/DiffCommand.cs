using System.CommandLine;
using RnnParity.Diagnosis;
using RnnParity.Diagnosis.Gates;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Fixtures.Format;

namespace RnnParity.Cli.Commands;

/// <summary><c>rnnparity diff CASE [--actual DIR] [--json FILE]</c>: where, when and why two implementations part ways.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var caseDir = new Argument<string>("CASE") { Description = "A case directory (holding case.json)." };
        var actual = new Option<string?>("--actual")
        {
            Description = "A folder of .npy outputs from another implementation, named as the case's output files (run0_out0.npy, ...) or, for a one-run case, as predict names them (output_0.npy, ...). Default: RnnParity's own outputs.",
        };
        var json = new Option<string?>("--json") { Description = "Also write the diagnosis as JSON to this file." };
        var report = new Option<string?>("--report") { Description = "Also write an HTML report with PNG plots into this folder (index.html)." };
        var python = PythonSession.PythonOption();
        python.Description = "The Python interpreter (with numpy; with keras too for Keras as the layer reference) for the layer-by-layer check and the gate trace. Given, a Python fault is an error (exit 3-5); without it an interpreter is searched for (one with keras first) and, if none fits, the layer check says so.";
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("diff", "Compare the outputs under test with a case's expected outputs: per output error figures, error by timestep, and the porting mistake that explains the difference.")
        {
            caseDir, actual, json, report, python, timeout,
        };
        command.SetAction(parse =>
        {
            string? interpreter = parse.GetValue(python);
            Func<int> diff = () => Run(parse.GetValue(caseDir)!, parse.GetValue(actual), parse.GetValue(json), parse.GetValue(report), Console.Out, Console.Error,
                new KerasLayerReference(interpreter, faultsAreErrors: interpreter is not null),
                new NumpyGateReference(interpreter, faultsAreErrors: interpreter is not null));
            // Only a user who asked for Python gets its faults as exit codes 3-5; otherwise diff never depends on it.
            return interpreter is null ? diff() : PythonSession.Run("diff", ["numpy"], interpreter, parse.GetValue(timeout), diff);
        });
        return command;
    }

    /// <param name="layerReference">Recomputes the case layer by layer (own outputs only); null leaves that check out.</param>
    /// <param name="gateReference">Computes a recurrent layer's gates step by step (own outputs of a failing case only); null leaves the gate trace out.</param>
    public static int Run(string caseDirectory, string? actualDirectory, string? jsonReport, string? htmlReport, TextWriter stdout, TextWriter stderr,
        ILayerReference? layerReference = null, IGateReference? gateReference = null)
    {
        if (!Directory.Exists(caseDirectory))
        {
            stderr.WriteLine($"rnnparity diff: the case directory '{caseDirectory}' does not exist.");
            return ExitCodes.Usage;
        }
        DiffResult result;
        try { result = CaseDiff.Run(caseDirectory, actualDirectory, actualDirectory is null ? layerReference : null, actualDirectory is null ? gateReference : null); }
        catch (FixtureException e)
        {
            stderr.WriteLine($"rnnparity diff: {e.Message}");
            return ExitCodes.Usage;
        }
        foreach (string line in DiffText.Lines(result)) stdout.WriteLine(line);
        if (htmlReport is not null)
        {
            try { stdout.WriteLine($"report: {Diagnosis.Report.HtmlReport.Write(result, Fixtures.Format.CaseReader.Load(caseDirectory).Tolerance.Atol, htmlReport)}"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"rnnparity diff: cannot write the report into '{htmlReport}': {e.Message}");
                return ExitCodes.Usage;
            }
        }
        if (jsonReport is not null)
        {
            try { DiffJson.Write(jsonReport, result); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"rnnparity diff: cannot write the JSON report '{jsonReport}': {e.Message}");
                return ExitCodes.Usage;
            }
        }
        return result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
