using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;

namespace RnnParity.Tests.Core;

/// <summary>
/// SimpleRnnCell, LstmCell and GruCell (both reset_after variants), run through several timesteps, against the
/// double-precision equations of <see cref="ReferenceRnn"/> with random weights, inputs and initial states.
/// </summary>
[TestFixture]
public sealed class CellEquationTests
{
    const int Batch = 2, Steps = 6, InputDim = 5, Units = 4;

    static void Check(RecurrentCell cell, ReferenceRnn.Step step, int seed)
    {
        var r = new Random(seed);
        ReferenceRnn.RandomWeights(cell, r);
        float[] inputs = ReferenceRnn.RandomValues(r, Batch * Steps * InputDim);
        float[] initial = ReferenceRnn.RandomValues(r, cell.StateCount * Batch * Units);
        float[] state = (float[])initial.Clone();
        var output = new float[Batch * Steps * Units];
        RecurrentLoop.Run(cell, inputs, Batch, Steps, default, new LoopOptions(true, false, false), state, output);

        for (int b = 0; b < Batch; b++)
        {
            double[][] init = Enumerable.Range(0, cell.StateCount)
                .Select(k => initial.AsSpan((k * Batch + b) * Units, Units).ToArray().Select(v => (double)v).ToArray()).ToArray();
            var (refOut, refStates) = ReferenceRnn.Run(step, inputs, b, Steps, InputDim, init, null, false, false);
            for (int t = 0; t < Steps; t++)
                for (int j = 0; j < Units; j++)
                    Assert.That(output[(b * Steps + t) * Units + j], Is.EqualTo(refOut[t][j]).Within(1e-5), $"b {b} t {t} unit {j}");
            for (int k = 0; k < cell.StateCount; k++)
                for (int j = 0; j < Units; j++)
                    Assert.That(state[(k * Batch + b) * Units + j], Is.EqualTo(refStates[k][j]).Within(1e-5), $"state {k} b {b} unit {j}");
        }
    }

    [TestCase("tanh", true)]
    [TestCase("relu", true)]
    [TestCase("tanh", false)]
    public void SimpleRnnCell_follows_h_equals_act_of_x_k_plus_h_r_plus_b(string activation, bool useBias)
    {
        var cell = new SimpleRnnCell(Units, InputDim, KerasActivations.Get(activation), useBias);
        Check(cell, ReferenceRnn.SimpleRnn(cell, ReferenceRnn.Activation(activation)), 21);
    }

    [TestCase("tanh", "sigmoid", true)]
    [TestCase("tanh", "sigmoid", false)]
    [TestCase("relu", "hard_sigmoid", true)]
    public void LstmCell_follows_the_keras_equations(string activation, string recurrentActivation, bool useBias)
    {
        var cell = new LstmCell(Units, InputDim, KerasActivations.Get(activation), KerasActivations.Get(recurrentActivation), useBias);
        Assert.That(cell.StateCount, Is.EqualTo(2));
        Check(cell, ReferenceRnn.Lstm(cell, ReferenceRnn.Activation(activation), ReferenceRnn.Activation(recurrentActivation)), 22);
    }

    [TestCase("tanh", "sigmoid", true, true)]
    [TestCase("tanh", "sigmoid", true, false)]
    [TestCase("tanh", "sigmoid", false, true)]
    [TestCase("tanh", "sigmoid", false, false)]
    [TestCase("relu", "hard_sigmoid", true, true)]
    [TestCase("relu", "hard_sigmoid", false, true)]
    public void GruCell_follows_the_keras_equations(string activation, string recurrentActivation, bool resetAfter, bool useBias)
    {
        var cell = new GruCell(Units, InputDim, KerasActivations.Get(activation), KerasActivations.Get(recurrentActivation), useBias, resetAfter);
        Assert.That(cell.Bias?.Shape, useBias ? Is.EqualTo(resetAfter ? new[] { 2, 3 * Units } : new[] { 3 * Units }) : Is.Null);
        Check(cell, ReferenceRnn.Gru(cell, ReferenceRnn.Activation(activation), ReferenceRnn.Activation(recurrentActivation)), 23);
    }
}
