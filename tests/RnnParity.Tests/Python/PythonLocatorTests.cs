using System.Diagnostics;
using RnnParity.Python;

namespace RnnParity.Tests.Python;

public sealed class PythonLocatorTests
{
    static Func<string, string?> Environment(params (string Name, string Value)[] overrides)
    {
        var map = overrides.ToDictionary(o => o.Name, o => o.Value);
        return name => map.TryGetValue(name, out var v) ? v : name == PythonLocator.InterpreterVariable ? null : System.Environment.GetEnvironmentVariable(name);
    }

    [Test, Category(PythonEnvironment.LiveNumPy)]
    public void Locate_ChoosesAnInterpreterThatImportsNumpy()
    {
        var location = PythonEnvironment.RequireLocation();
        var chosen = location.Chosen;

        Assert.That(chosen.Modules.Keys, Does.Contain("numpy"));
        Assert.That(File.Exists(chosen.LibraryPath), Is.True, chosen.LibraryPath);
        Assert.That(Path.IsPathRooted(chosen.Executable), Is.True, chosen.Executable);

        // Independent check that does not trust the probe: the chosen executable really imports numpy.
        var psi = new ProcessStartInfo(chosen.Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import numpy");
        using var p = Process.Start(psi)!;
        Assert.That(p.WaitForExit(20_000), Is.True, "python -c 'import numpy' hung");
        Assert.That(p.ExitCode, Is.Zero, p.StandardError.ReadToEnd());
    }

    [Test, Category(PythonEnvironment.LiveNumPy)]
    public void Locate_ExplainsEveryRejectedCandidate()
    {
        var location = PythonEnvironment.RequireLocation();
        Assert.That(location.Candidates[^1].Interpreter, Is.SameAs(location.Chosen));
        foreach (var rejected in location.Rejected)
        {
            Assert.That(rejected.Problem, Is.Not.EqualTo(PythonProblem.None));
            Assert.That(rejected.Detail, Is.Not.Empty, rejected.ToString());
            if (rejected.Problem == PythonProblem.ModuleMissing)
                Assert.That(rejected.Detail, Does.Contain("numpy"), rejected.ToString());
        }
        Assert.That(location.Describe(), Does.Contain(location.Chosen.Executable));
    }

    [Test]
    public void Candidates_SearchOrderWhenNothingIsChosen()
    {
        var (commands, source) = PythonLocator.Candidates(null, _ => null);
        Assert.That(source, Is.EqualTo("search"));
        Assert.That(commands, Is.EqualTo(new[] { "python3", "/usr/bin/python3", "/usr/local/bin/python3", "python" }));
    }

    [Test]
    public void Candidates_EnvironmentVariableReplacesTheSearch()
    {
        var (commands, source) = PythonLocator.Candidates(null, Environment((PythonLocator.InterpreterVariable, "/opt/py/bin/python3")));
        Assert.That(source, Is.EqualTo(PythonLocator.InterpreterVariable));
        Assert.That(commands, Is.EqualTo(new[] { "/opt/py/bin/python3" }));
    }

    [Test]
    public void Candidates_ExplicitOptionWinsOverTheEnvironment()
    {
        var (commands, source) = PythonLocator.Candidates("python3.12", Environment((PythonLocator.InterpreterVariable, "/opt/py/bin/python3")));
        Assert.That(source, Is.EqualTo("--python"));
        Assert.That(commands, Is.EqualTo(new[] { "python3.12" }));
    }

    [Test]
    public void Locate_BogusEnvironmentOverride_NamesItAndDoesNotFallBack()
    {
        const string bogus = "/nonexistent/rnnparity/python3";
        var e = Assert.Throws<PythonUnavailableException>(() =>
            PythonLocator.Locate(["numpy"], null, Environment((PythonLocator.InterpreterVariable, bogus))));
        Assert.That(e.Problem, Is.EqualTo(PythonProblem.NotFound));
        Assert.That(e.Candidates, Has.Count.EqualTo(1));
        Assert.That(e.Message, Does.Contain(bogus).And.Contain(PythonLocator.InterpreterVariable).And.Contain("no such file"));
        Assert.That(e.Message, Does.Contain("apt-get install -y"));
    }

    [Test]
    public void Locate_BogusExplicitCommand_NamesIt()
    {
        var e = Assert.Throws<PythonUnavailableException>(() => PythonLocator.Locate(["numpy"], "rnnparity-no-such-python"));
        Assert.That(e.Message, Does.Contain("rnnparity-no-such-python: not found on PATH").And.Contain("--python"));
    }

    [Test, Category(PythonEnvironment.LiveNumPy)]
    public void Locate_HonoursEnvironmentOverride()
    {
        string executable = PythonEnvironment.RequireLocation().Chosen.Executable;
        var location = PythonLocator.Locate(["numpy"], null, Environment((PythonLocator.InterpreterVariable, executable)));
        Assert.That(location.Source, Is.EqualTo(PythonLocator.InterpreterVariable));
        Assert.That(location.Chosen.Executable, Is.EqualTo(executable));
        Assert.That(location.Candidates, Has.Count.EqualTo(1));
    }

    [Test, Category(PythonEnvironment.LiveNumPy)]
    public void Locate_MissingModule_SaysWhichAndHowToFix()
    {
        string executable = PythonEnvironment.RequireLocation().Chosen.Executable;
        var e = Assert.Throws<PythonUnavailableException>(() =>
            PythonLocator.Locate(["numpy", "rnnparity_no_such_module"], executable));
        Assert.That(e.Problem, Is.EqualTo(PythonProblem.ModuleMissing));
        Assert.That(e.Message, Does.Contain("no module named rnnparity_no_such_module").And.Contain(executable));
        Assert.That(e.Message, Does.Contain(PythonLocator.InterpreterVariable));
    }

    [Test, Category(PythonEnvironment.LiveNumPy)]
    public void Locate_Keras_MessageSaysHowToInstallIt()
    {
        string executable = PythonEnvironment.RequireLocation().Chosen.Executable;
        try
        {
            PythonLocator.Locate(["keras", "numpy"], executable);
            Assert.Pass("keras is installed here; nothing to explain");
        }
        catch (PythonUnavailableException e)
        {
            Assert.That(e.Message, Does.Contain("pip install keras numpy"));
        }
    }

    [Test, Category(PythonEnvironment.LiveNumPy)]
    public void Locate_SearchWhereNothingFits_ListsTheCandidatesAndTheFix()
    {
        PythonEnvironment.RequireLocation();
        var e = Assert.Throws<PythonUnavailableException>(() =>
            PythonLocator.Locate(["numpy", "rnnparity_no_such_module"], null, Environment()));
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Problem, Is.EqualTo(PythonProblem.ModuleMissing));
        Assert.That(e.Candidates.Count(c => c.Problem == PythonProblem.ModuleMissing), Is.GreaterThanOrEqualTo(1));
        Assert.That(e.Message, Does.Contain("Tried:").And.Contain("no module named rnnparity_no_such_module"));
        Assert.That(e.Message, Does.Contain("apt-get install -y").And.Contain(PythonLocator.InterpreterVariable));
        foreach (var c in e.Candidates) Assert.That(e.Message, Does.Contain(c.ToString()));
    }
}
