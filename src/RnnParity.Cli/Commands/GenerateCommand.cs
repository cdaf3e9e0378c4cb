using System.CommandLine;
using Python.Runtime;
using RnnParity.Cli.Progress;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary>
/// <c>rnnparity generate</c>: writes the cases of the catalogue (python/case_catalogue.py) in-process:
/// NumPy cases always, Keras cases where keras imports (skipped with the reason elsewhere).
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = "Cases of the catalogue to write (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out") { Description = "Fixtures root; cases go to ROOT/keras and ROOT/numpy.", DefaultValueFactory = _ => "fixtures" };
        var python = PythonSession.PythonOption();
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("generate", "Write the catalogue's cases (python/case_catalogue.py) into fixtures/keras and fixtures/numpy; unchanged cases stay byte-identical.")
        {
            names, output, python, timeout,
        };
        command.SetAction(parse => PythonSession.Run("generate", ["numpy"], parse.GetValue(python), parse.GetValue(timeout),
            () => Run(parse.GetValue(output)!, parse.GetValue(names) ?? [], Console.Out)));
        return command;
    }

    public static int Run(string root, IReadOnlyList<string> names, TextWriter stdout)
    {
        using (Py.GIL())
        {
            if (names.Count > 0)
            {
                using var catalogue = PythonCall.Invoke("case_catalogue", "case_names");
                var known = new HashSet<string>(Enumerable.Range(0, (int)catalogue.Length()).Select(i => { using var n = catalogue[i]; return n.ToString()!; }));
                var unknown = names.Where(n => !known.Contains(n)).ToList();
                if (unknown.Count > 0)
                {
                    Console.Error.WriteLine($"rnnparity generate: unknown case(s): {string.Join(", ", unknown)}; 'python3 python/case_catalogue.py --list' lists them.");
                    return ExitCodes.Usage;
                }
            }
            using var pyNames = names.Count == 0 ? null : ToPyList(names);
            using var report = CaseProgress.Run("generate", names.Count > 0 ? names.Count : null, stdout, progress =>
            {
                Action<int, int, string> advance = progress.Advance;
                return PythonCall.Invoke("case_catalogue", "generate", [pyNames, Path.GetFullPath(root)],
                    new Dictionary<string, object?> { ["progress"] = advance });
            });
            int Print(string key, string label)
            {
                using PyObject items = report[key];
                long count = items.Length();
                for (int i = 0; i < count; i++)
                {
                    using PyObject item = items[i];
                    // skipped entries are {"name", "message"}; the others are names.
                    stdout.WriteLine(item.HasAttr("keys") ? $"{label,-10} {item["name"]}: {item["message"]}" : $"{label,-10} {item}");
                }
                return (int)count;
            }
            int written = Print("written", "written"), unchanged = Print("unchanged", "unchanged"), skipped = Print("skipped", "skipped");
            stdout.WriteLine($"generate: {written} written, {unchanged} unchanged, {skipped} skipped under {root}");
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
