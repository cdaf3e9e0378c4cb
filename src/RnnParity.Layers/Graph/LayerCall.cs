using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Graph;

/// <summary>One value a recorded call hands its layer: a graph tensor, or a constant Keras wrote into the node (<c>NotEqual(x, 0.0)</c>).</summary>
public readonly record struct CallInput
{
    public CallInput(KerasTensor symbol) => Symbol = symbol ?? throw new ArgumentNullException(nameof(symbol));

    public CallInput(Tensor constant) => Constant = constant ?? throw new ArgumentNullException(nameof(constant));

    public KerasTensor? Symbol { get; }

    public Tensor? Constant { get; }

    /// <summary>The symbolic shape: a constant's own shape (a scalar's is <c>()</c>).</summary>
    public int?[] Shape => Symbol?.Shape ?? Constant!.Shape.Select(d => (int?)d).ToArray();

    public static implicit operator CallInput(KerasTensor symbol) => new(symbol);
}

/// <summary>
/// One call of a layer as Keras records it in <c>inbound_nodes</c>, bound for the layer:
/// <see cref="Inputs"/> in the order <see cref="Layer.Call(IReadOnlyList{Tensor})"/> takes them (positional
/// arguments, then the tensors of keyword arguments such as <c>initial_state</c>), the explicit masks
/// (<c>mask=</c>, a tensor or a list with null entries, or per-argument masks such as
/// MultiHeadAttention's <c>value_mask=</c>), and <see cref="TensorArguments"/>, the number of call
/// arguments that hold tensors, which decides whether Keras passes the input's own mask to the call
/// (<see cref="CallMasks"/>).
/// </summary>
public sealed class LayerCall
{
    public LayerCall(IReadOnlyList<CallInput> inputs, int tensorArguments, KerasTensor? mask = null, IReadOnlyList<KerasTensor>? recorded = null)
        : this(inputs, tensorArguments, mask is null ? null : [mask], recorded) { }

    /// <param name="masks">the explicit masks, entry i for input i (null entries: none given for that input); null when no mask argument was given.</param>
    public LayerCall(IReadOnlyList<CallInput> inputs, int tensorArguments, IReadOnlyList<KerasTensor?>? masks, IReadOnlyList<KerasTensor>? recorded = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.Any(i => i.Symbol is not null))
            throw new ArgumentException("a layer call needs at least one graph tensor among its inputs.", nameof(inputs));
        if (tensorArguments < 1) throw new ArgumentOutOfRangeException(nameof(tensorArguments), tensorArguments, "a call has at least one tensor argument.");
        Inputs = inputs;
        TensorArguments = tensorArguments;
        Masks = masks;
        Recorded = recorded ?? [.. inputs.Where(i => i.Symbol is not null).Select(i => i.Symbol!), .. (masks ?? []).OfType<KerasTensor>()];
    }

    /// <summary>What the layer receives, in its order.</summary>
    public IReadOnlyList<CallInput> Inputs { get; }

    /// <summary>
    /// The explicit masks (bool tensors, 1 where kept), entry i for input i, null entries where none was
    /// given; null when the call has no mask argument. <c>mask=m</c> is <c>[m]</c>, <c>mask=[qm, None]</c> is
    /// <c>[qm, null]</c>; what a null entry means is the layer's (<see cref="Layer.MaskStyle"/>).
    /// </summary>
    public IReadOnlyList<KerasTensor?>? Masks { get; }

    /// <summary>The explicit mask of the first input (<c>mask=</c> of one tensor), or null.</summary>
    public KerasTensor? Mask => Masks is { Count: > 0 } m ? m[0] : null;

    /// <summary>How many call arguments hold tensors (a list of tensors counts once, as Keras's <c>CallSpec</c> counts).</summary>
    public int TensorArguments { get; }

    /// <summary>
    /// Every graph tensor of the call in Keras's order, <c>tree.flatten((args, kwargs))</c>: positional
    /// arguments, then keyword arguments by sorted name. Keras walks the graph and prints
    /// "Connected to" in this order.
    /// </summary>
    public IReadOnlyList<KerasTensor> Recorded { get; }
}
