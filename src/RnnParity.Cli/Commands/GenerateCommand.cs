using System.CommandLine;
using Python.Runtime;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary><c>rnnparity generate</c>: writes the NumPy catalogue's cases (python/make_numpy_fixtures.py) in-process.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = "Cases of the catalogue to write (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out") { Description = "Folder to write the cases into.", DefaultValueFactory = _ => Path.Combine("fixtures", "numpy") };
        var python = PythonSession.PythonOption();
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("generate", "Write the NumPy reference cases of python/make_numpy_fixtures.py into fixtures/numpy (unchanged cases stay byte-identical).")
        {
            names, output, python, timeout,
        };
        command.SetAction(parse => PythonSession.Run("generate", ["numpy"], parse.GetValue(python), parse.GetValue(timeout),
            () => Run(parse.GetValue(output)!, parse.GetValue(names) ?? [], Console.Out)));
        return command;
    }

    public static int Run(string outDir, IReadOnlyList<string> names, TextWriter stdout)
    {
        using (Py.GIL())
        {
            using var written = PythonCall.Invoke("make_numpy_fixtures", "generate", [Path.GetFullPath(outDir)],
                new Dictionary<string, object?> { ["names"] = names.Count == 0 ? null : ToPyList(names) });
            long count = written.Length();
            for (int i = 0; i < count; i++)
                using (PyObject name = written[i]) stdout.WriteLine($"generated  {name}");
            stdout.WriteLine($"generate: {written.Length()} cases in {outDir}");
        }
        return ExitCodes.Ok;
    }

    internal static PyObject ToPyList(IEnumerable<string> items)
    {
        var list = new PyList();
        foreach (var s in items) using (var p = new PyString(s)) list.Append(p);
        return list;
    }
}
