using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Graph;

/// <summary>
/// Which mask a layer call computes with and which one it passes on, as Keras 3's
/// <c>Layer.__call__</c> decides (<c>keras/src/layers/layer.py</c>, step 6 "Populate mask argument(s)").
/// </summary>
/// <remarks>
/// Keras fills <c>mask=</c> from the input's own mask only when the call has exactly one tensor
/// argument (a list of tensors counts as one). A recurrent layer given <c>initial_state</c> has two,
/// so it runs <b>unmasked</b> over a masked sequence (Keras 3.15.1: <c>Masking → LSTM(initial_state=...)</c>
/// and an encoder-decoder whose decoder reads <c>Embedding(mask_zero=True)</c> step through the padding);
/// an explicit <c>mask=</c> argument is always used. The mask passed on to the outputs is the one
/// the call used, or else the first argument's own (<c>previous_mask</c>), through the layer's
/// <c>compute_mask</c> (<see cref="Layer.ComputeMasks"/>): the decoder above computes unmasked yet
/// its sequence output still carries the padding mask.
/// <para>Explicit masks (<see cref="LayerCall.Masks"/>) and the masks a call reads off its tensors
/// depend on the layer (<see cref="Layer.MaskStyle"/>): Attention's <c>mask=[query_mask, value_mask]</c>
/// replaces the inputs' own masks, a <c>None</c> entry meaning none; a nested model keeps an input's own
/// mask where the entry is <c>None</c>; MultiHeadAttention reads the query's, value's and key's own masks
/// whatever the number of arguments, <c>value_mask=</c>/<c>key_mask=</c> replacing the latter two.</para>
/// </remarks>
public static class CallMasks
{
    /// <summary>Runs <paramref name="layer"/> on one recorded call's concrete values.</summary>
    /// <param name="inputs">the values in <see cref="LayerCall.Inputs"/> order.</param>
    /// <param name="explicitMask">the value of <c>mask=</c>, or null.</param>
    public static IReadOnlyList<Tensor> Invoke(Layer layer, IReadOnlyList<Tensor> inputs, Tensor? explicitMask, int tensorArguments) =>
        Invoke(layer, inputs, explicitMask is null ? null : [explicitMask], tensorArguments);

    /// <summary>Runs <paramref name="layer"/> on one recorded call's concrete values.</summary>
    /// <param name="inputs">the values in <see cref="LayerCall.Inputs"/> order.</param>
    /// <param name="explicitMasks">the values of <see cref="LayerCall.Masks"/> (entry i for input i, null entries), or null.</param>
    public static IReadOnlyList<Tensor> Invoke(Layer layer, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?>? explicitMasks, int tensorArguments)
    {
        var style = layer.MaskStyle;
        if (explicitMasks is null && (tensorArguments <= 1 || style == CallMaskStyle.PerArgument)) return layer.Call(inputs);
        var seen = new bool[]?[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            Tensor? given = explicitMasks is not null && i < explicitMasks.Count ? explicitMasks[i] : null;
            bool[]? own = inputs[i].Mask;
            seen[i] = style switch
            {
                // Keras 3.15.1's MultiHeadAttention.call reads query._keras_mask and ignores query_mask=.
                CallMaskStyle.PerArgument => i == 0 ? own : given is null ? own : ToMask(layer, given, inputs[i]),
                CallMaskStyle.ModelInputs => given is null ? own : ToMask(layer, given, inputs[i]),
                _ => explicitMasks is null ? null : given is null ? null : ToMask(layer, given, inputs[i]),
            };
        }
        // Views with the masks the layer is to see; the data is shared, not copied.
        var views = inputs.Select((t, i) => new Tensor(t.Shape, t.Data) { Mask = seen[i] }).ToList();
        var outputs = layer.Call(views);
        // Without explicit masks the call ran unmasked (several tensor arguments); Keras then sets
        // compute_mask(first argument's own mask) on the outputs (previous_mask).
        bool[]? previous = inputs[0].Mask;
        if (explicitMasks is null && previous is not null && layer.ComputeMasks(previous, outputs.Count) is { } masks)
            for (int k = 0; k < outputs.Count && k < masks.Count; k++)
                outputs[k].Mask ??= masks[k];
        return outputs;
    }

    /// <summary>A bool tensor (carried as float32 0/1) of shape (batch, timesteps) → the timestep mask.</summary>
    public static bool[] ToMask(Layer layer, Tensor mask, Tensor input)
    {
        if (mask.Rank != 2 || input.Rank < 2 || mask.Shape[0] != input.Shape[0] || mask.Shape[1] != input.Shape[1])
            throw new LayerConfigurationException(layer.Name, layer.ClassName, "mask",
                $"expected a (batch, timesteps) mask for input {ShapeUtil.Format(input.Shape)}, got {ShapeUtil.Format(mask.Shape)}.");
        var result = new bool[mask.Length];
        for (int i = 0; i < result.Length; i++) result[i] = mask.Data[i] != 0f;
        return result;
    }
}
