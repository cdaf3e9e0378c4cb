using RnnParity.Python;

namespace RnnParity.Tests.Python;

/// <summary>
/// Locates an interpreter with numpy once for every test in this namespace. Tests that need it call
/// <see cref="RequireNumpy"/>: without one they are Inconclusive with the locator's full reason —
/// unless <c>RNNPARITY_REQUIRE_PYTHON=1</c> (CI), where they fail, so the NumPy leg cannot go silently dead.
/// </summary>
[SetUpFixture]
public sealed class PythonEnvironment
{
    /// <summary>Set to 1 by CI: a missing interpreter fails instead of skipping.</summary>
    public const string RequireVariable = "RNNPARITY_REQUIRE_PYTHON";

    /// <summary>Category of tests that run numpy in-process.</summary>
    public const string LiveNumPy = "LiveNumPy";

    static PythonLocation? s_location;
    static string? s_unavailable;

    [OneTimeSetUp]
    public void LocateNumpy()
    {
        try
        {
            s_location = PythonLocator.Locate(["numpy"]);
            TestContext.Progress.WriteLine(s_location.Describe());
        }
        catch (PythonUnavailableException e)
        {
            s_unavailable = e.Message;
            TestContext.Progress.WriteLine(e.Message);
        }
    }

    /// <summary>True when CI demands the live Python legs.</summary>
    public static bool PythonRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The located interpreter, or the test stops (Inconclusive, or Fail under CI).</summary>
    public static PythonLocation RequireLocation()
    {
        if (s_location is { } location) return location;
        string reason = s_unavailable ?? "the Python SetUpFixture did not run";
        if (PythonRequired) Assert.Fail($"{RequireVariable}=1 but no Python with numpy is usable:{Environment.NewLine}{reason}");
        Assert.Inconclusive(reason);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The embedded runtime with numpy importable. A located interpreter that cannot be
    /// embedded is a bridge defect, so that fails regardless of <see cref="RequireVariable"/>.</summary>
    public static PythonRuntime RequireNumpy() => PythonRuntime.Ensure(RequireLocation().Chosen);
}
