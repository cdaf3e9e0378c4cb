using RnnParity.Core.Tensors;
using RnnParity.Layers;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Convolutional;

/// <summary>
/// The channels_first contract of the 2-D/3-D layers, checked the same way for every family: on x' = transpose(x) the
/// channels_first layer returns exactly (bitwise) transpose(channels_last layer on x), with the same weights, and its
/// symbolic output shape is that result's. The axes are spelled out by each test, independently of the layers' helper.
/// </summary>
internal static class ChannelsFirstParity
{
    /// <summary>numpy's <c>transpose(x, axes)</c>, mask kept.</summary>
    public static Tensor Transposed(Tensor x, params int[] axes)
    {
        var y = new Tensor(Transposition.Shape(x.Shape, axes));
        Transposition.Transpose(x.Data, x.Shape, axes, y.Data);
        y.Mask = x.Mask;
        return y;
    }

    public static int?[] Symbolic(int[] shape) => [null, .. shape[1..].Select(d => (int?)d)];

    /// <summary>
    /// Builds both layers (same weight shapes, same random weights), calls <paramref name="last"/> on x and
    /// <paramref name="first"/> on transpose(x, <paramref name="inputAxes"/>), and asserts each output i of the
    /// channels_first layer equals transpose(output i of the channels_last one, <paramref name="outputAxes"/>[i]).
    /// </summary>
    /// <returns>The channels_first outputs, for further checks (masks).</returns>
    public static IReadOnlyList<Tensor> AssertTransposed(Layer last, Layer first, Tensor x, int[] inputAxes, params int[][] outputAxes)
    {
        Tensor xFirst = Transposed(x, inputAxes);
        last.Build(Symbolic(x.Shape));
        first.Build(Symbolic(xFirst.Shape));
        Assert.That(first.Weights.Select(w => w.Shape), Is.EqualTo(last.Weights.Select(w => w.Shape)), "the weights keep their layout");
        for (int i = 0; i < last.Weights.Count; i++)
        {
            Tensor w = Uniform(100 + i, last.Weights[i].Shape);
            w.Data.CopyTo(last.Weights[i].Data, 0);
            w.Data.CopyTo(first.Weights[i].Data, 0);
        }

        IReadOnlyList<Tensor> expected = last.Call([x]), actual = first.Call([xFirst]);
        Assert.That(actual, Has.Count.EqualTo(outputAxes.Length));
        for (int i = 0; i < outputAxes.Length; i++)
        {
            Tensor want = Transposed(expected[i], outputAxes[i]);
            Assert.That(actual[i].Shape, Is.EqualTo(want.Shape), $"output {i} shape");
            Assert.That(actual[i].Data, Is.EqualTo(want.Data), $"output {i} values, bitwise");
            Assert.That(first.OutputShapes[i], Is.EqualTo(Symbolic(want.Shape)), $"compute_output_shape of output {i}");
        }
        return actual;
    }
}
