using RnnParity.Cli;
using RnnParity.Cli.Commands;
using RnnParity.Tests.Python;

namespace RnnParity.Tests.Python.Regen;

/// <summary><c>rnnparity regen</c> in-process on a copy of the NumPy fixtures: clean, then after a deliberate change.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class NumpyRegenTests
{
    string _root = "";

    [SetUp]
    public void CopyFixtures()
    {
        PythonEnvironment.RequireNumpy();
        _root = TestFiles.CopyTree(RepoPaths.NumpyFixtures, TestFiles.NewTempFolder("regen"));
    }

    [TearDown]
    public void Remove()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Check_on_a_clean_tree_reports_no_drift_and_writes_nothing()
    {
        var before = Snapshot();
        var output = new StringWriter();

        int exit = RegenCommand.Run([_root], check: true, jsonReport: null, output);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output.ToString());
        Assert.That(output.ToString(), Does.Contain(" 0 drift"));
        Assert.That(Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public void A_changed_expected_value_is_drift_and_regen_restores_it()
    {
        string file = Path.Combine(_root, "numpy_lstm_last", "run0_out0.npy");
        byte[] original = File.ReadAllBytes(file);
        byte[] changed = (byte[])original.Clone();
        BitConverter.GetBytes(BitConverter.ToSingle(changed, changed.Length - 4) + 0.5f).CopyTo(changed, changed.Length - 4);
        File.WriteAllBytes(file, changed);

        var check = new StringWriter();
        int checkExit = RegenCommand.Run([_root], check: true, jsonReport: null, check);
        var write = new StringWriter();
        int writeExit = RegenCommand.Run([_root], check: false, jsonReport: null, write);

        Assert.That(checkExit, Is.EqualTo(ExitCodes.Failed), check.ToString());
        Assert.That(check.ToString(), Does.Contain("DRIFT").And.Contain("numpy_lstm_last").And.Contain("max_abs_error=5e-01"));
        Assert.That(writeExit, Is.EqualTo(ExitCodes.Ok), write.ToString());
        Assert.That(File.ReadAllBytes(file), Is.EqualTo(original), "regen recomputes the committed value bit for bit");
    }

    Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_root, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
