using System.Diagnostics;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>
/// Thousands of seeded random byte mutations of a valid case's case.json, model.json and .npy
/// files: the only exception that may escape CaseReader is FixtureException (NpyFormatException
/// for NpyReader called directly) — no crash, no other exception type, no hang.
/// </summary>
public class RandomMutationTests
{
    const int Seed = 20261126;
    const int Mutations = 3000;

    static readonly string[] Targets = ["case.json", "model.json", "w00.npy", "w01.npy", "w02.npy", "run0_in0.npy", "run0_out0.npy", "case.json", "w00.npy"];

    [Test]
    public void Only_fixture_exceptions_escape()
    {
        using var tmp = new TempDir();
        string dir = FixtureTestFiles.CopyCase(tmp.Path);
        var originals = Targets.Distinct().ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dir, f)));
        var rng = new Random(Seed);
        var failures = new List<string>();
        int refused = 0, accepted = 0;
        var clock = Stopwatch.StartNew();

        for (int i = 0; i < Mutations; i++)
        {
            string target = Targets[rng.Next(Targets.Length)];
            byte[] mutated = Mutate(originals[target], rng, target.EndsWith(".json", StringComparison.Ordinal));
            string path = Path.Combine(dir, target);
            File.WriteAllBytes(path, mutated);
            try
            {
                FixtureCase c = CaseReader.Load(dir);
                accepted++;
                using (CaseReader.LoadModelJson(c)) { }
                foreach (FixtureWeight w in c.Weights) CaseReader.LoadArray(c, w.File, w.JsonPath!);
            }
            catch (FixtureException)
            {
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"mutation {i} of {target}: {e.GetType().Name}: {e.Message}");
            }
            if (target.EndsWith(".npy", StringComparison.Ordinal))
            {
                try
                {
                    NpyReader.Read(new MemoryStream(mutated), target);
                }
                catch (NpyFormatException)
                {
                }
                catch (Exception e)
                {
                    failures.Add($"mutation {i} of {target} (NpyReader): {e.GetType().Name}: {e.Message}");
                }
            }
            File.WriteAllBytes(path, originals[target]);
        }

        TestContext.Out.WriteLine($"{Mutations} mutations: {refused} refused, {accepted} still valid, {clock.ElapsedMilliseconds} ms");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
        Assert.That(refused, Is.GreaterThan(Mutations / 2), "most mutations should break the case");
        // No time limit here: speed belongs to benchmarks, and a loaded machine made a limit fail
        // (38 s against 20 s at load 40); a reader that hangs is caught by the suite's hang timeout.
    }

    static readonly byte[][] JsonTokens =
    [
        "null"u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(), "-1"u8.ToArray(), "1e999"u8.ToArray(), "\"../x\""u8.ToArray(),
        "99999999999999999999"u8.ToArray(), "\""u8.ToArray(), "true"u8.ToArray(), "0.5"u8.ToArray(), ","u8.ToArray(),
    ];

    static readonly byte[][] NpyTokens =
    [
        "'|O'"u8.ToArray(), "(-1,"u8.ToArray(), "99999999999999999999"u8.ToArray(), "True"u8.ToArray(), "'>f8'"u8.ToArray(),
        "[('a', '<f4')]"u8.ToArray(), "(("u8.ToArray(), "\xff"u8.ToArray(),
    ];

    const string Punctuation = "0123456789(),:'\"[]{} -";

    static byte[] Mutate(byte[] original, Random rng, bool json)
    {
        var b = new List<byte>(original);
        int ops = 1 + rng.Next(3);
        for (int k = 0; k < ops && b.Count > 0; k++)
        {
            // .npy headers live in the first 128 bytes: aim there most of the time.
            int pos = !json && rng.Next(3) > 0 ? rng.Next(Math.Min(b.Count, 128)) : rng.Next(b.Count);
            switch (rng.Next(7))
            {
                case 0: b[pos] = (byte)rng.Next(256); break;
                case 1: b[pos] ^= (byte)(1 << rng.Next(8)); break;
                case 2: b.RemoveRange(pos, b.Count - pos); break;
                case 3: b.Insert(pos, (byte)rng.Next(256)); break;
                case 4: b.RemoveRange(pos, Math.Min(b.Count - pos, 1 + rng.Next(16))); break;
                case 5:
                    byte[][] tokens = json ? JsonTokens : NpyTokens;
                    byte[] t = tokens[rng.Next(tokens.Length)];
                    int len = Math.Min(b.Count - pos, rng.Next(t.Length + 1));
                    b.RemoveRange(pos, len);
                    b.InsertRange(pos, t);
                    break;
                default: b[pos] = (byte)Punctuation[rng.Next(Punctuation.Length)]; break;
            }
        }
        return b.ToArray();
    }
}
