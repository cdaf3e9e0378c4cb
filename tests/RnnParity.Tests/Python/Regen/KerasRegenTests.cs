using RnnParity.Cli;
using RnnParity.Cli.Commands;
using RnnParity.Python;
using RnnParity.Tests.Python;

namespace RnnParity.Tests.Python.Regen;

/// <summary>
/// Regenerating the 18 Keras reference cases with Keras itself must reproduce them exactly. Runs
/// where keras imports (in the embedded interpreter); Inconclusive with the reason elsewhere, CI
/// included, because Keras cannot be installed on every machine that runs the suite.
/// </summary>
[TestFixture, Category("LiveKeras")]
public sealed class KerasRegenTests
{
    [Test]
    public void Regenerating_the_keras_references_shows_no_drift()
    {
        PythonLocation location;
        try { location = PythonLocator.Locate(["numpy", "keras"]); }
        catch (PythonUnavailableException e)
        {
            Assert.Inconclusive($"keras is not installed (pip install keras numpy), so the Keras path cannot run here: {e.Problem}");
            return;
        }
        var running = PythonRuntime.Current;
        if (running is not null && !running.Chosen.IsSameInstallation(location.Chosen))
            Assert.Inconclusive($"this process already embeds {running.Chosen.Executable}, which has no keras; {location.Chosen.Executable} has it.");
        PythonRuntime.Ensure(location.Chosen);

        var output = new StringWriter();
        int exit = RegenCommand.Run([RepoPaths.KerasFixtures], check: true, jsonReport: null, output);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output.ToString());
        Assert.That(output.ToString(), Does.Contain("18 checked, 0 drift"));
    }
}
