using System.Text.Json;
using Snapshot = System.Collections.Generic.SortedDictionary<string, System.Collections.Generic.SortedDictionary<string, byte[]>>;

namespace RnnParity.Tests.Cli;

/// <summary>
/// Nothing is lost when regeneration dies. A copy of fixtures/numpy with several cases' expected
/// outputs shifted beyond tolerance ("old") is regenerated once to the end ("new"); then copies of
/// "old" are regenerated and SIGKILLed after seeded random delays spread over a measured run. After
/// each kill every case must be exactly old or exactly new (never a mix), and none may be missing
/// (except set aside whole in .rnnparity-tmp-old-*, which the next run restores); the next run must
/// recover every leftover and end with exactly the new tree.
/// </summary>
[TestFixture]
public sealed class RegenKillCliTests
{
    const int Seed = 20261126;
    const int KillsAnywhere = 3, KillsWhileWriting = 9;
    static readonly string[] Modified =
    [
        "numpy_gru_elu_nobias", "numpy_gru_reset_after", "numpy_gru_stateful_last", "numpy_lstm_last",
        "numpy_lstm_sequences", "numpy_simple_rnn_go_backwards", "numpy_simple_rnn_last",
        "numpy_simple_rnn_sequences", "numpy_simple_rnn_stateful", "numpy_tutorial_example",
    ];

    CliTempDir _tmp = null!;
    string _old = "";
    Snapshot _oldSnap = null!, _newSnap = null!;
    TimeSpan _fullRun, _pythonStart, _firstWrite, _lastWrite;
    Dictionary<string, string?> _env = null!;

    [OneTimeSetUp]
    public void MakeOldAndNew()
    {
        var python = CliPython.RequireNumpy();
        _env = new() { ["RNNPARITY_PYTHON"] = python.Executable };
        _tmp = new CliTempDir("regen-kill");
        _old = TestFiles.CopyTree(RepoPaths.NumpyFixtures, _tmp.Sub("old", "numpy"));
        foreach (string name in Modified) CliTestFiles.ShiftAllOutputs(Path.Combine(_old, name), 0.5f);
        _oldSnap = CliTestFiles.SnapshotTree(_old);

        string fresh = TestFiles.CopyTree(_old, _tmp.Sub("new", "numpy"));
        using (var child = CliRunner.Start(["regen", "--json", _tmp.Sub("new.json"), fresh], _env))
        {
            // When Python starts, the CLI prints the chosen interpreter to stderr; the writing window is
            // seen from outside: the first temporary directory, and the last modified case swapped in.
            var stamps = Modified.ToDictionary(n => n, n => File.GetLastWriteTimeUtc(Path.Combine(fresh, n, "case.json")));
            while (!child.HasExited)
            {
                if (_pythonStart == default && child.StderrSoFar.Contains("python: ")) _pythonStart = child.Elapsed;
                if (_firstWrite == default && Directory.EnumerateDirectories(fresh, ".rnnparity-tmp-*").Any()) _firstWrite = child.Elapsed;
                if (_lastWrite == default && Modified.All(n => File.Exists(Path.Combine(fresh, n, "case.json"))
                        && File.GetLastWriteTimeUtc(Path.Combine(fresh, n, "case.json")) != stamps[n]))
                    _lastWrite = child.Elapsed;
                Thread.Sleep(1);
            }
            CliResult full = child.WaitOrFail(CliRunner.DefaultLimit);
            _fullRun = full.Elapsed;
            Assert.That(full.ExitCode, Is.EqualTo(0), full.Transcript);
            Assert.That(full.Stdout, Does.Contain($"regen: {_oldSnap.Count} checked, {Modified.Length} rewritten, 0 errors, 0 skipped"), full.Transcript);
        }
        _newSnap = CliTestFiles.SnapshotTree(fresh);
        Assert.That(CliTestFiles.Leftovers(fresh), Is.Empty);
        TestContext.Progress.WriteLine($"regen of {_oldSnap.Count} cases ({Modified.Length} to rewrite): {_fullRun.TotalSeconds:0.00} s, " +
            $"Python from {_pythonStart.TotalSeconds:0.00} s, writing from {_firstWrite.TotalSeconds:0.00} s to {_lastWrite.TotalSeconds:0.00} s");
        Assert.That(_firstWrite, Is.GreaterThan(TimeSpan.Zero), "never saw a temporary directory");
        Assert.That(_lastWrite, Is.GreaterThanOrEqualTo(_firstWrite), "never saw every modified case swapped in");

        // The snapshots must differ exactly in the modified cases, or the test proves nothing.
        Assert.That(_newSnap.Keys, Is.EqualTo(_oldSnap.Keys));
        foreach (string name in _oldSnap.Keys)
            Assert.That(CliTestFiles.SameCase(_oldSnap[name], _newSnap[name]), Is.EqualTo(!Modified.Contains(name)), name);
        // ...and "new" is the committed fixture again (the shift was undone by recomputation).
        var committed = CliTestFiles.SnapshotTree(RepoPaths.NumpyFixtures);
        foreach (string name in Modified)
            foreach (var (file, bytes) in committed[name].Where(f => f.Key != "case.json"))
                Assert.That(_newSnap[name][file], Is.EqualTo(bytes), $"{name}/{file}");
    }

    [OneTimeTearDown]
    public void Remove() => _tmp?.Dispose();

    /// <summary>Which of old/new each case is in; fails on a mix, a missing case, or a bad set-aside copy.</summary>
    Dictionary<string, string> Classify(string folder, string context)
    {
        var states = new Dictionary<string, string>();
        var leftovers = CliTestFiles.Leftovers(folder);
        foreach (string name in _oldSnap.Keys)
        {
            string dir = Path.Combine(folder, name);
            if (!Directory.Exists(dir))
            {
                // Killed between the two renames of a swap: the committed case must be whole, set aside.
                string? aside = leftovers.FirstOrDefault(l => l.StartsWith($".rnnparity-tmp-old-{name}-", StringComparison.Ordinal));
                Assert.That(aside, Is.Not.Null, $"{context}: case {name} is missing and not set aside (leftovers: {string.Join(", ", leftovers)})");
                Assert.That(CliTestFiles.SameCase(CliTestFiles.SnapshotCase(Path.Combine(folder, aside!)), _oldSnap[name]), Is.True,
                    $"{context}: {name} is set aside in {aside} but not whole");
                states[name] = "set-aside";
                continue;
            }
            var now = CliTestFiles.SnapshotCase(dir);
            bool isOld = CliTestFiles.SameCase(now, _oldSnap[name]), isNew = CliTestFiles.SameCase(now, _newSnap[name]);
            Assert.That(isOld || isNew, Is.True,
                $"{context}: case {name} is neither the old nor the regenerated case; differs from old in [{CliTestFiles.Diff(now, _oldSnap[name])}], from new in [{CliTestFiles.Diff(now, _newSnap[name])}]");
            states[name] = isOld && isNew ? "same" : isNew ? "new" : "old";
        }
        var strays = Directory.GetFileSystemEntries(folder).Select(Path.GetFileName)
            .Where(n => !_oldSnap.ContainsKey(n!) && !CliTestFiles.IsTmp(n!)).ToList();
        Assert.That(strays, Is.Empty, $"{context}: unexpected entries");
        return states;
    }

    [Test]
    public void Sigkill_at_random_points_loses_nothing_and_the_next_run_recovers()
    {
        var rng = new Random(Seed);
        var log = new List<string>();
        int partial = 0, withLeftovers = 0;
        for (int k = 0; k < KillsAnywhere + KillsWhileWriting; k++)
        {
            // A few at a time spread over the whole measured run (start-up, the Python work, the end).
            // The writing window is only tens of ms and start-up jitter is larger, so the rest wait
            // for the first temporary directory to appear and then a random part of the window.
            bool anywhere = k < KillsAnywhere;
            double window = (_lastWrite - _firstWrite).TotalSeconds;
            TimeSpan delay = TimeSpan.FromSeconds(rng.NextDouble() * (anywhere ? _fullRun.TotalSeconds * 1.05 : window * 1.2));
            string folder = TestFiles.CopyTree(_old, _tmp.Sub($"kill{k:00}", "numpy"));
            string context = $"kill {k} {delay.TotalMilliseconds:0} ms after " + (anywhere ? "the start" : "the first write");

            CliResult killed;
            using (var child = CliRunner.Start(["regen", folder], _env))
            {
                if (!anywhere)
                    while (!child.HasExited && !Directory.EnumerateDirectories(folder, ".rnnparity-tmp-*").Any()) Thread.Sleep(1);
                Thread.Sleep(delay);
                killed = child.KillTree();
            }
            var states = Classify(folder, context);
            var leftovers = CliTestFiles.Leftovers(folder);
            int fresh = states.Values.Count(s => s == "new");
            if (fresh > 0 && fresh < Modified.Length) partial++;
            if (leftovers.Count > 0) withLeftovers++;
            log.Add($"{context}: exit {killed.ExitCode}, {fresh}/{Modified.Length} rewritten, " +
                    $"{states.Values.Count(s => s == "set-aside")} set aside, leftovers [{string.Join(", ", leftovers)}]");

            // The next run recovers every leftover and finishes the job.
            CliResult again = CliRunner.Run(["regen", "--json", _tmp.Sub($"kill{k:00}.json"), folder], _env);
            Assert.That(again.ExitCode, Is.EqualTo(0), $"{context}: rerun{Environment.NewLine}{again.Transcript}");
            using (var doc = JsonDocument.Parse(File.ReadAllText(_tmp.Sub($"kill{k:00}.json"))))
            {
                var recovered = doc.RootElement.GetProperty("recovered").EnumerateArray().Select(a => Path.GetFileName(a.GetProperty("path").GetString()!)).Order(StringComparer.Ordinal).ToList();
                Assert.That(recovered, Is.EqualTo(leftovers), $"{context}: the rerun did not report every leftover{Environment.NewLine}{again.Transcript}");
                Assert.That(doc.RootElement.GetProperty("errors").GetInt32(), Is.Zero, again.Transcript);
                Assert.That(doc.RootElement.GetProperty("rewritten").GetInt32(), Is.EqualTo(Modified.Length - fresh), again.Transcript);
            }
            Assert.That(CliTestFiles.Leftovers(folder), Is.Empty, $"{context}: leftovers after the rerun");
            var final = Classify(folder, context + ", rerun");
            Assert.That(final.Where(s => s.Value is not ("new" or "same")).Select(s => s.Key), Is.Empty, $"{context}: not fully regenerated after the rerun");
            Directory.Delete(_tmp.Sub($"kill{k:00}"), recursive: true);
        }
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, log));
        TestContext.Progress.WriteLine($"{KillsAnywhere + KillsWhileWriting} kills: {partial} mid-run (some cases rewritten, some not), {withLeftovers} left temporary dirs");
    }

    [Test]
    public void A_swap_interrupted_half_way_is_an_error_under_check_and_recovered_by_regen()
    {
        const string name = "numpy_lstm_last";
        string folder = TestFiles.CopyTree(_old, _tmp.Sub("halfway", "numpy"));
        string aside = Path.Combine(folder, $".rnnparity-tmp-old-{name}-x7k2_q9a");
        Directory.Move(Path.Combine(folder, name), aside);
        // A finished new copy was also left beside it, as a kill between the renames leaves it.
        TestFiles.CopyTree(Path.Combine(_tmp.Sub("new", "numpy"), name), Path.Combine(folder, $".rnnparity-tmp-new-{name}-ab3_z0qq"));

        CliResult check = CliRunner.Run(["regen", "--check", "--json", _tmp.Sub("halfway-check.json"), folder], _env);
        Assert.That(check.ExitCode, Is.EqualTo(2), check.Transcript);
        Assert.That(check.Stdout, Does.Match($@"(?m)^ERROR\s+{name}\s+case {name}: interrupted swap: .*{Path.GetFileName(aside)}.*without --check"), check.Transcript);
        using (var doc = JsonDocument.Parse(File.ReadAllText(_tmp.Sub("halfway-check.json"))))
            Assert.That(doc.RootElement.GetProperty("leftovers").EnumerateArray().Select(a => a.GetProperty("action").GetString()), Is.EquivalentTo(new[] { "restore", "remove" }));
        Assert.That(Directory.Exists(aside), Is.True, "--check must not move anything");
        Assert.That(Directory.Exists(Path.Combine(folder, name)), Is.False, "--check must not move anything");

        CliResult fix = CliRunner.Run(["regen", "--json", _tmp.Sub("halfway.json"), folder], _env);
        Assert.That(fix.ExitCode, Is.EqualTo(0), fix.Transcript);
        using (var doc = JsonDocument.Parse(File.ReadAllText(_tmp.Sub("halfway.json"))))
        {
            var actions = doc.RootElement.GetProperty("recovered").EnumerateArray()
                .ToDictionary(a => Path.GetFileName(a.GetProperty("path").GetString()!), a => a.GetProperty("action").GetString());
            Assert.That(actions[Path.GetFileName(aside)], Is.EqualTo("restore"));
            Assert.That(actions[$".rnnparity-tmp-new-{name}-ab3_z0qq"], Is.EqualTo("remove"));
            Assert.That(doc.RootElement.GetProperty("errors").GetInt32(), Is.Zero);
        }
        Assert.That(CliTestFiles.Leftovers(folder), Is.Empty);
        var final = Classify(folder, "after recovery");
        Assert.That(final.Where(s => s.Value is not ("new" or "same")).Select(s => s.Key), Is.Empty);
    }
}
