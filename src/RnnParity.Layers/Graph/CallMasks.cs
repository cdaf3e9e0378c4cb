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
/// </remarks>
public static class CallMasks
{
    /// <summary>Runs <paramref name="layer"/> on one recorded call's concrete values.</summary>
    /// <param name="inputs">the values in <see cref="LayerCall.Inputs"/> order.</param>
    /// <param name="explicitMask">the value of <c>mask=</c>, or null.</param>
    public static IReadOnlyList<Tensor> Invoke(Layer layer, IReadOnlyList<Tensor> inputs, Tensor? explicitMask, int tensorArguments)
    {
        if (explicitMask is null && tensorArguments <= 1) return layer.Call(inputs);
        bool[]? callMask = explicitMask is null ? null : ToMask(layer, explicitMask, inputs[0]);
        // Views without the masks the layer must not see; the data is shared, not copied.
        var seen = inputs.Select((t, i) => new Tensor(t.Shape, t.Data) { Mask = i == 0 ? callMask : null }).ToList();
        var outputs = layer.Call(seen);
        bool[]? previous = callMask ?? inputs[0].Mask;
        if (callMask is null && previous is not null && layer.ComputeMasks(previous, outputs.Count) is { } masks)
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
