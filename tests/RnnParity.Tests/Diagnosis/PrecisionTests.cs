using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.Diagnosis;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Diagnosis;

/// <summary>
/// The <c>precision</c> cause: keras/lstm_sequences computed in float16, bfloat16 and float64 by a loop
/// written here from LSTMCell.call (keras/src/layers/rnn/lstm.py: z = x·kernel + h·recurrent_kernel,
/// + bias; i, f, o = σ; c = f∘c + i∘tanh(z_c); h = o∘tanh(c)), each operation's result rounded with
/// .NET's <see cref="Half"/>, a bfloat16 rounding written from its definition (the nearer of the two
/// bfloat16 neighbours, ties to the even one), or not at all; diff must name the format, both ways.
/// </summary>
[TestFixture]
public sealed class PrecisionTests
{
    string _temp = "";

    [SetUp]
    public void MakeTemp() => _temp = TestFiles.NewTempFolder("precision");

    [TearDown]
    public void RemoveTemp() => Directory.Delete(_temp, recursive: true);

    static double ToHalf(double v) => (double)(Half)v;

    static double ToDouble(double v) => v;

    /// <summary>The bfloat16 nearest to the float32 value: its two neighbours on the bfloat16 grid, the nearer, ties to an even last bit.</summary>
    static double ToBFloat16(double v)
    {
        float f = (float)v;
        uint bits = BitConverter.SingleToUInt32Bits(f);
        float down = BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000u);
        float up = BitConverter.UInt32BitsToSingle((bits & 0xFFFF0000u) + 0x10000u);
        double dd = Math.Abs((double)f - down), du = Math.Abs((double)up - f);
        if (dd < du) return down;
        if (du < dd) return up;
        return ((BitConverter.SingleToUInt32Bits(down) >> 16) & 1) == 0 ? down : up;
    }

    static IReadOnlyList<IReadOnlyList<Tensor>> Lstm(string dir, Func<double, double> round, bool biasFirst = false)
    {
        var c = CaseReader.Load(dir);
        double[] W(int i) => CaseReader.LoadArray(c, c.Weights[i].File, "").Data.Select(round).ToArray();
        double[] k = W(0), rk = W(1), bias = W(2);
        var x = CaseReader.LoadArray(c, c.Runs[0].Inputs[0].File, "");
        // recurrent_kernel is (units, 4·units).
        int batch = x.Shape[0], steps = x.Shape[1], d = x.Shape[2], u = (int)Math.Sqrt(rk.Length / 4);
        double Sigmoid(double v) => round(1 / (1 + Math.Exp(-v)));
        double Tanh(double v) => round(Math.Tanh(v));
        var y = new float[batch * steps * u];
        for (int b = 0; b < batch; b++)
        {
            var h = new double[u];
            var cs = new double[u];
            for (int t = 0; t < steps; t++)
            {
                var z = new double[4 * u];
                for (int j = 0; j < 4 * u; j++)
                {
                    double xk = 0, hr = 0;
                    for (int p = 0; p < d; p++) xk += round(x.Data[(b * steps + t) * d + p]) * k[p * 4 * u + j];
                    for (int q = 0; q < u; q++) hr += h[q] * rk[q * 4 * u + j];
                    z[j] = biasFirst ? round(round(round(xk) + bias[j]) + round(hr)) : round(round(round(xk) + round(hr)) + bias[j]);
                }
                for (int j = 0; j < u; j++)
                {
                    double i = Sigmoid(z[j]), f = Sigmoid(z[u + j]), g = Tanh(z[2 * u + j]), o = Sigmoid(z[3 * u + j]);
                    cs[j] = round(round(f * cs[j]) + round(i * g));
                    h[j] = round(o * Tanh(cs[j]));
                }
                for (int j = 0; j < u; j++) y[(b * steps + t) * u + j] = (float)h[j];
            }
        }
        return [[new Tensor([batch, steps, u], y)]];
    }

    string CopyLstm(double? tolerance = null)
    {
        string dir = TestFiles.CopyTree(RepoPaths.KerasCase("lstm_sequences"), Path.Combine(_temp, "lstm_sequences"));
        if (tolerance is { } tol)
        {
            // float64 and float32 results agree to ~1e-7: a tighter tolerance makes the difference a failure.
            string path = Path.Combine(dir, "case.json");
            var json = JsonNode.Parse(File.ReadAllText(path))!;
            json["tolerance"] = new JsonObject { ["atol"] = tol, ["rtol"] = tol };
            File.WriteAllText(path, json.ToJsonString());
        }
        return dir;
    }

    static void Write(IReadOnlyList<IReadOnlyList<Tensor>> outputs, string caseDir, string intoDir)
    {
        var c = CaseReader.Load(caseDir);
        NpyWriter.Write(Path.Combine(intoDir, c.Runs[0].Outputs[0].File), NpyArray.FromTensor(outputs[0][0]));
    }

    [Test]
    public void Expected_values_made_in_float16_are_named_precision_float16_on_the_expected_side()
    {
        string dir = CopyLstm();
        Write(Lstm(dir, ToHalf), dir, dir);

        DiffResult result = CaseDiff.Run(dir);

        Assert.That(result.Passed, Is.False, "float16 must make the case fail");
        Assert.That(result.LikelyCause.Name, Is.EqualTo("precision"), result.LikelyCause.Detail);
        Assert.That(result.LikelyCause.Side, Is.EqualTo("expected"));
        Assert.That(result.LikelyCause.Detail, Does.StartWith("computed in float16"));
        Assert.That(result.LikelyCause.Fit, Is.LessThanOrEqualTo(1.0));
    }

    [TestCase("bfloat16", null)]
    [TestCase("float64", 1e-9)]
    public void Outputs_under_test_made_in_another_format_are_named_with_it(string format, double? tolerance)
    {
        string dir = CopyLstm(tolerance);
        string actual = Directory.CreateDirectory(Path.Combine(_temp, "actual")).FullName;
        Write(Lstm(dir, format == "float64" ? ToDouble : ToBFloat16), dir, actual);

        DiffResult result = CaseDiff.Run(dir, actual);

        Assert.That(result.Passed, Is.False, $"{format} must make the case fail");
        Assert.That(result.LikelyCause.Name, Is.EqualTo("precision"), result.LikelyCause.Detail);
        Assert.That(result.LikelyCause.Side, Is.EqualTo("actual"));
        Assert.That(result.LikelyCause.Detail, Does.StartWith($"computed in {format} "));
        Assert.That(result.LikelyCause.Fit, Is.LessThanOrEqualTo(1.0));
    }

    [Test]
    public void Float16_in_another_operation_order_is_not_reproduced_and_not_guessed()
    {
        string dir = CopyLstm();
        // The bias added to x·kernel before h·recurrent_kernel (as Keras's SimpleRNN and GRU cells order it):
        // other roundings, as far from the float16 replay as from float32, so nothing is named.
        Write(Lstm(dir, ToHalf, biasFirst: true), dir, dir);

        DiffResult result = CaseDiff.Run(dir);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.LikelyCause.Name, Is.EqualTo("unexplained"), result.LikelyCause.Detail);
    }

    /// <summary>A stand-in precision replay that lands near the expected values: the far-better rule in isolation.</summary>
    sealed class NearReplay(double offset) : RnnParity.Diagnosis.Mistakes.PortingMistake
    {
        public override string Name => "precision";

        public override IEnumerable<RnnParity.Diagnosis.Mistakes.Replay> Replays(CaseModel model) =>
        [
            Replay("computed in float16 (stand-in)", () =>
            {
                var c = model.Fixture;
                var e = CaseReader.LoadArray(c, c.Runs[0].Outputs[0].File, "");
                return [[new Tensor(e.Shape, e.Data.Select(v => (float)(v + offset)).ToArray())]];
            }),
        ];
    }

    [TestCase(2e-5, true)]
    [TestCase(2e-4, false)]
    public void A_16_bit_replay_ten_times_closer_than_float32_is_named_with_its_honest_fit(double offset, bool named)
    {
        string dir = CopyLstm();
        var correct = InjectedMistakes.Run(dir);
        // Expected values 1e-3 away from float32 (fit ≈ 50 and more); the replay `offset` away from them.
        Write([[new Tensor(correct[0][0].Shape, correct[0][0].Data.Select(v => v + 1e-3f).ToArray())]], dir, dir);
        var model = CaseModel.Load(CaseReader.Load(dir));
        var own = model.Run();
        var c = model.Fixture;
        var expected = new[] { (IReadOnlyList<NpyArray>)[CaseReader.LoadArray(c, c.Runs[0].Outputs[0].File, "")] };
        var actual = own.Select(r => (IReadOnlyList<NpyArray>)r.Select(NpyArray.FromTensor).ToList()).ToList();

        LikelyCause cause = CauseFinder.Find(model, own, expected, actual, [new NearReplay(offset)]);

        Assert.That(cause.Name, Is.EqualTo(named ? "precision" : "unexplained"), cause.Detail);
        if (named)
        {
            Assert.That(cause.Side, Is.EqualTo("expected"));
            Assert.That(cause.Fit, Is.GreaterThan(1.0), "not reproduced, and the fit says so");
            Assert.That(cause.Detail, Does.Contain("times closer to the expected side than float32"));
        }
    }

    [Test]
    public void The_float32_loop_here_passes_so_the_formats_above_are_what_fails()
    {
        string dir = CopyLstm();
        Write(Lstm(dir, v => (float)v), dir, dir);

        DiffResult result = CaseDiff.Run(dir);

        Assert.That(result.Passed, Is.True, DiffText.Describe(result.Outputs[0]));
        Assert.That(result.LikelyCause.Name, Is.EqualTo("none"));
    }
}
