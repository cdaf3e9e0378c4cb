using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Fixtures.Verification;

namespace RnnParity.Tests.Fixtures.Verification;

[TestFixture]
public sealed class ErrorProfileTests
{
    static readonly FixtureTolerance Tolerance = new(1e-6, 1e-6);

    [Test]
    public void A_sequence_output_is_profiled_along_time_and_names_the_first_bad_step()
    {
        // (batch 2, timesteps 4, units 3); drift starts at t2 in batch row 1 and grows.
        float[] expected = Enumerable.Range(0, 24).Select(i => i * 0.1f).ToArray();
        float[] actual = (float[])expected.Clone();
        actual[(1 * 4 + 2) * 3 + 1] += 0.01f;
        actual[(1 * 4 + 3) * 3 + 0] += 0.5f;

        var profile = ErrorProfile.Of(NpyArray.FromFloat32(expected, 2, 4, 3), new Tensor([2, 4, 3], actual), Tolerance)!;

        Assert.That(profile.AxisName, Is.EqualTo("timestep"));
        Assert.That(profile.FirstBeyondTolerance, Is.EqualTo(2));
        Assert.That(profile.MaxAbsError[0], Is.Zero);
        Assert.That(profile.MaxAbsError[3], Is.EqualTo(0.5).Within(1e-6));
        Assert.That(profile.Describe(), Does.Contain("t2 1e-02 ← first beyond tolerance").And.Contain("t3 5e-01"));
    }

    [Test]
    public void A_last_state_output_is_profiled_along_the_batch()
    {
        float[] expected = [1, 2, 3, 4];
        float[] actual = [1, 2, 3, 4.1f];

        var profile = ErrorProfile.Of(NpyArray.FromFloat32(expected, 2, 2), new Tensor([2, 2], actual), Tolerance)!;

        Assert.That(profile.AxisName, Is.EqualTo("batch row"));
        Assert.That(profile.FirstBeyondTolerance, Is.EqualTo(1));
    }

    [Test]
    public void A_verify_failure_says_from_which_timestep_the_output_drifts()
    {
        string work = TestFiles.NewTempFolder("profile");
        string dir = TestFiles.CopyTree(RepoPaths.KerasCase("simple_rnn_go_backwards"), Path.Combine(work, "simple_rnn_go_backwards"));
        try
        {
            // The model runs backwards: corrupting the recurrent kernel changes every step after the first.
            string kernel = Path.Combine(dir, "w01.npy");
            var w = NpyReader.Read(kernel);
            w.Data[0] += 0.25;
            NpyWriter.Write(kernel, w);

            CaseResult r = CaseVerifier.Verify(dir);

            Assert.That(r.Passed, Is.False);
            // Step 0 does not use the recurrent kernel (zero initial state); step 1 is the first that does.
            Assert.That(r.Error, Does.Match(@"max abs error by timestep: t0 [^,]*, t1 [^,]* ← first beyond tolerance"));
        }
        finally { Directory.Delete(work, recursive: true); }
    }
}
