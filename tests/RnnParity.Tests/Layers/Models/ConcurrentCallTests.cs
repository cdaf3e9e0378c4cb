using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Models;

/// <summary>
/// One model called from several threads at once gives every caller the bits a serial call gives
/// it: calls share the weights and the step workers, never a buffer (the loop's scratch is per call;
/// a sequence that finds the workers busy runs on its own thread). Each thread has its own inputs,
/// so a result that leaked into another call would show. No timing is asserted.
/// </summary>
[TestFixture]
public sealed class ConcurrentCallTests
{
    const int Callers = 6, CallsEach = 8;

    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    [Test]
    public void BuiltLstmStackGivesSerialBitsUnderConcurrentCalls()
    {
        // LSTM(128) on batch 24 is above RecurrentLoop.ParallelWorkThreshold: the calls compete for the step workers.
        var model = new Sequential();
        model.Add(new LSTM(128, returnSequences: true, inputShape: (null, 16)));
        model.Add(new GRU(32));
        model.Add(new Dense(5));
        var inputs = Enumerable.Range(0, Callers).Select(i => SeededTensors.Uniform(100 + i, 24, 30, 16)).ToArray();
        model.Call(inputs[0]);
        var random = new Random(7);
        foreach (var weight in model.Weights)
            for (int i = 0; i < weight.Data.Length; i++) weight.Data[i] = (float)(random.NextDouble() - 0.5) * 0.4f;
        Hammer(i => [inputs[i]], inputs => model.Call(inputs));
    }

    [TestCase("maintenance_lstm_stack")]
    [TestCase("ner_masked_bilstm_stack")]
    [TestCase("nextday_price_gru_stack")]
    public void LoadedWildModelGivesSerialBitsUnderConcurrentCalls(string name)
    {
        string dir = Path.Combine(RepoPaths.WildModels, name);
        if (!Directory.Exists(dir)) Assert.Inconclusive($"the shared wild model {dir} is absent");
        string file = new[] { "model.keras", "model.h5" }.Select(f => Path.Combine(dir, f)).FirstOrDefault(File.Exists)
            ?? throw new AssertionException($"{dir} has no model.keras or model.h5");
        Model model = KerasModel.Load(file).Model;
        FixtureCase fixture = CaseReader.Load(dir);
        FixtureRun run = fixture.Runs[0];
        var inputs = run.Inputs.Select((x, i) => CaseReader.LoadArray(fixture, x.File, $"inputs[{i}]").ToTensor()).ToList();
        // Callers with different inputs: every other caller reverses the batch rows.
        Hammer(i => i % 2 == 0 ? inputs : inputs.Select(ReverseBatch).ToList(), model.Call);
    }

    static void Hammer(Func<int, IReadOnlyList<Tensor>> inputsOf, Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>> call)
    {
        var expected = Enumerable.Range(0, Callers).Select(i => Bits(call(inputsOf(i)))).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, Callers).Select(i => new Thread(() =>
        {
            for (int c = 0; c < CallsEach; c++)
            {
                int[][] actual = Bits(call(inputsOf(i)));
                for (int o = 0; o < actual.Length; o++)
                    if (!actual[o].AsSpan().SequenceEqual(expected[i][o])) failures.Enqueue($"caller {i}, call {c}, output {o} differs from the serial call");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.That(failures, Is.Empty);
        Assert.That(expected.SelectMany(e => e).Any(o => o.Any(b => b != 0)), Is.True, "the model computed nothing");
    }

    static Tensor ReverseBatch(Tensor t)
    {
        int batch = t.Shape[0], row = t.Length / batch;
        var reversed = new Tensor(t.Shape);
        for (int b = 0; b < batch; b++) t.Data.AsSpan(b * row, row).CopyTo(reversed.Data.AsSpan((batch - 1 - b) * row, row));
        if (t.Mask is { } mask)
        {
            int steps = mask.Length / batch;
            reversed.Mask = new bool[mask.Length];
            for (int b = 0; b < batch; b++) mask.AsSpan(b * steps, steps).CopyTo(reversed.Mask.AsSpan((batch - 1 - b) * steps, steps));
        }
        return reversed;
    }

    static int[][] Bits(IReadOnlyList<Tensor> outputs) =>
        [.. outputs.Select(o => o.Data.Select(BitConverter.SingleToInt32Bits).ToArray())];
}
