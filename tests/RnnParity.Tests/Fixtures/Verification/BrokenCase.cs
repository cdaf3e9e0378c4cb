using RnnParity.Tests.Cli;

namespace RnnParity.Tests.Fixtures.Verification;

/// <summary>
/// The keras case <c>lstm_sequences</c> with one expected element moved by 0.5: its (3, 8, 5) output's flat
/// index 57 is [1, 3, 2], so verify must report "1 of 120 elements", "first: [1, 3, 2]" and timestep 3 as
/// the first beyond tolerance, with max abs error 5e-01.
/// </summary>
public static class BrokenCase
{
    /// <summary>Copies the case to <paramref name="destination"/>, breaks it there and returns that folder.</summary>
    public static string CopyTo(string destination)
    {
        string dir = TestFiles.CopyTree(RepoPaths.KerasCase("lstm_sequences"), destination);
        CliTestFiles.SetFloat32(Path.Combine(dir, "run0_out0.npy"), [57], v => v + 0.5f);
        return dir;
    }
}
