using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Ops;

/// <summary>
/// A Keras 3 operation (<c>keras.ops.*</c>, <c>keras/src/ops/</c>) recorded as a node of a functional
/// graph when a model is built with <c>keras.ops</c> or with masks (<c>x != 0</c>, <c>ops.any</c>).
/// Keras prints it in the summary like a layer: its name, its class name, 0 parameters.
/// </summary>
/// <remarks>
/// An operation is not a Keras <c>Layer</c>: it neither reads nor passes on masks, so its outputs
/// carry none. Boolean results travel as float32 0/1, integers as exact float32 values.
/// </remarks>
public abstract class OpLayer(string? name) : Layer(name)
{
    /// <summary>
    /// Keras's <c>canonicalize_axis</c>: a negative axis counts from the end.
    /// </summary>
    protected int CanonicalAxis(int axis, int rank, string option)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw Error(option, $"axis {axis} is out of bounds for a tensor of rank {rank}.");
        return a;
    }
}
