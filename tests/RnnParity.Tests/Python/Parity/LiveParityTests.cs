using RnnParity.Python.Parity;
using RnnParity.Tests.Python;

namespace RnnParity.Tests.Python.Parity;

/// <summary>C# against the NumPy reference in one process, seeded, compared in memory.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class LiveParityTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        LiveParityCase.Standard.Select(c => new TestCaseData(c).SetName($"Live({c.Name})"));

    [TestCaseSource(nameof(Cases))]
    public void CSharp_matches_numpy(LiveParityCase c)
    {
        PythonEnvironment.RequireNumpy();

        LiveParityResult r = LiveParity.Run(c);

        Assert.That(r.Error, Is.Null);
        Assert.That(r.Comparison!.Passed, Is.True, r.Comparison.Describe());
    }

    /// <summary>A parity check that cannot fail proves nothing: a wrong option must be caught.</summary>
    [Test]
    public void A_mismatched_configuration_is_caught()
    {
        PythonEnvironment.RequireNumpy();
        var c = LiveParityCase.Standard[0];

        LiveParityResult r = LiveParity.RunAgainst(c, c with { GoBackwards = !c.GoBackwards });

        Assert.That(r.Passed, Is.False);
        Assert.That(r.Comparison!.MaxAbsError, Is.GreaterThan(1e-3));
    }

    [Test]
    public void Ignoring_the_mask_is_caught()
    {
        PythonEnvironment.RequireNumpy();
        var masked = LiveParityCase.Standard.First(c => c.Padding == "post" && c.ReturnSequences);

        LiveParityResult r = LiveParity.RunAgainst(masked, masked with { Padding = null });

        Assert.That(r.Passed, Is.False);
    }

    [Test]
    public void Unrolling_a_masked_bidirectional_layer_changes_the_result_and_is_caught()
    {
        PythonEnvironment.RequireNumpy();
        var unrolled = LiveParityCase.Standard.First(c => c.Unroll && c.MergeMode is not null);

        LiveParityResult r = LiveParity.RunAgainst(unrolled, unrolled with { Unroll = false });

        Assert.That(r.Passed, Is.False);
    }

    [Test]
    public void A_wrong_merge_mode_is_caught()
    {
        PythonEnvironment.RequireNumpy();
        var bidirectional = LiveParityCase.Standard.First(c => c.MergeMode == "sum");

        LiveParityResult r = LiveParity.RunAgainst(bidirectional, bidirectional with { MergeMode = "ave" });

        Assert.That(r.Passed, Is.False);
    }
}
