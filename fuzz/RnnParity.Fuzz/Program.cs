using System.Diagnostics;
using SharpFuzz;

namespace RnnParity.Fuzz;

/// <summary>
/// Fuzz harness for the fixture readers. <c>RnnParity.Fuzz TARGET</c> serves afl-fuzz through
/// SharpFuzz (input on standard input); <c>RnnParity.Fuzz TARGET --replay PATH...</c> runs files
/// through the same target without AFL and reports each one. See fuzz/README.md.
/// </summary>
public static class Program
{
    const string UsageText = """
        usage: RnnParity.Fuzz TARGET [--in-process]
               RnnParity.Fuzz TARGET --replay [--verbose] [--slow-ms N] PATH...

        TARGET is one of:
          npy        the bytes are a .npy file: NpyReader.Read (seekable and non-seekable), ReadHeader,
                     and for an accepted file a NpyWriter round trip; only NpyFormatException is expected
          case-json  the bytes are case.json in a case directory that holds a committed case's
                     model.json and .npy files: CaseReader.Load, then every file it names is loaded;
                     only FixtureException is expected
          keras-zip  the bytes are a .keras zip: KerasModel.Load with tight read limits, then a run on
                     zeros; only ModelFileException (naming the file) is expected
          hdf5       the bytes are an HDF5 file: KerasModel.Load (legacy .h5), or LoadWeights into a
                     fixed model when it has no model_config; only ModelFileException is expected

        Without --replay the program is an afl-fuzz target: it reads one input from standard input (or
        serves SharpFuzz's fork server under afl-fuzz; --in-process uses Fuzzer.Run instead of
        Fuzzer.OutOfProcess.Run). Any other exception, a broken invariant, or an allocation beyond the
        target's budget is thrown, so AFL records a crash.

        --replay runs every file in each PATH (a file, or a directory's files, not recursive; names
        starting with '.' and AFL's README.txt are skipped) and prints one line per file: ACCEPT,
        REJECT (the expected exception), CRASH or SLOW (above --slow-ms, default 2000).
        Exit 0 when nothing crashed or was slow, 1 otherwise, 2 on a usage error.
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            (args.Length == 0 ? Console.Error : Console.Out).WriteLine(UsageText);
            return args.Length == 0 ? 2 : 0;
        }
        FuzzTarget? target = FuzzTarget.Find(args[0]);
        if (target is null) return UsageError($"unknown target '{args[0]}'; expected {string.Join(" or ", FuzzTarget.Names)}");

        string[] rest = args[1..];
        if (rest.Length > 0 && rest[0] == "--replay") return Replay(target, rest[1..]);

        bool inProcess = false;
        foreach (string a in rest)
        {
            if (a == "--in-process") inProcess = true;
            else return UsageError($"unexpected argument '{a}'");
        }

        Action<Stream> action = stream => target.Check(ReadAll(stream));
        if (inProcess) Fuzzer.Run(action);
        else Fuzzer.OutOfProcess.Run(action);
        return 0;
    }

    static int UsageError(string message)
    {
        Console.Error.WriteLine($"RnnParity.Fuzz: {message}");
        Console.Error.WriteLine(UsageText);
        return 2;
    }

    static byte[] ReadAll(Stream stream)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }

    static unsafe int Replay(FuzzTarget target, string[] args)
    {
        // An instrumented RnnParity.Fixtures.dll (scripts/fuzz's build) writes its trace bits
        // through this pointer, which only Fuzzer.Run sets: give it a map of its own.
        if (SharpFuzz.Common.Trace.SharedMem == null)
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);

        bool verbose = false;
        int slowMs = 2000;
        var paths = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--verbose" or "-v": verbose = true; break;
                case "--slow-ms":
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], out slowMs) || slowMs <= 0)
                        return UsageError("--slow-ms needs a positive number of milliseconds");
                    break;
                default: paths.Add(args[i]); break;
            }
        }
        if (paths.Count == 0) return UsageError("--replay needs at least one file or directory");

        var files = new List<string>();
        foreach (string p in paths)
        {
            if (File.Exists(p)) files.Add(p);
            else if (Directory.Exists(p))
                files.AddRange(Directory.GetFiles(p)
                    .Where(f => !Path.GetFileName(f).StartsWith('.') && Path.GetFileName(f) != "README.txt")
                    .Order(StringComparer.Ordinal));
            else return UsageError($"no such file or directory: {p}");
        }

        int accepted = 0, rejected = 0, crashed = 0, slow = 0;
        foreach (string f in files)
        {
            byte[] input = File.ReadAllBytes(f);
            var sw = Stopwatch.StartNew();
            string line;
            try
            {
                Outcome o = target.Check(input);
                sw.Stop();
                if (o.Accepted) { accepted++; line = $"ACCEPT {f}"; }
                else { rejected++; line = $"REJECT {f}" + (verbose ? $": {o.Message}" : ""); }
            }
            catch (Exception e)
            {
                sw.Stop();
                crashed++;
                line = $"CRASH  {f}: {e.GetType().FullName}: {e.Message}";
                if (verbose || e is not FuzzFindingException) line += Environment.NewLine + Indent(e.ToString());
            }
            if (sw.ElapsedMilliseconds > slowMs)
            {
                slow++;
                line += $" [SLOW: {sw.ElapsedMilliseconds} ms > {slowMs} ms]";
            }
            Console.WriteLine(line);
        }
        Console.WriteLine($"replay {target.Name}: {files.Count} files: {accepted} accepted, {rejected} rejected, {crashed} crashed, {slow} slow");
        return crashed + slow > 0 ? 1 : 0;
    }

    static string Indent(string s) => string.Join(Environment.NewLine, s.Split('\n').Select(l => "    " + l.TrimEnd('\r')));
}
