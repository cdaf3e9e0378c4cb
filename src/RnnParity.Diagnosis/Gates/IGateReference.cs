using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Gates;

/// <summary>
/// One recurrent layer's step-by-step computation for a reference to replay: the cell (kind,
/// activations, weights) and the loop's inputs, mask, initial states and direction as the C#
/// layer received them, so that the two sides differ only inside the layer.
/// </summary>
/// <param name="Kind"><c>SimpleRNN</c>, <c>LSTM</c> or <c>GRU</c>.</param>
/// <param name="Weights">kernel, recurrent_kernel and (when used) bias, in Keras's layout.</param>
/// <param name="Inputs">(batch, timesteps, features).</param>
/// <param name="Mask">(batch, timesteps), true where a step is kept; null for none.</param>
/// <param name="InitialStates">The states the loop starts from, each (batch, units).</param>
public sealed record GateTraceRequest(string Kind, string Activation, string RecurrentActivation, bool ResetAfter,
    IReadOnlyList<Tensor> Weights, Tensor Inputs, bool[]? Mask, IReadOnlyList<Tensor> InitialStates, bool GoBackwards);

/// <summary>A layer's steps in processing order.</summary>
/// <param name="Gates">(steps, batch, gates·units): the activated gate blocks in Keras's order.</param>
/// <param name="States">(steps, state count, batch, units): the states after each step (and its masking).</param>
public sealed record GateSteps(Tensor Gates, Tensor States);

/// <summary>Something that computes a recurrent layer's gates step by step (the NumPy reference, in the CLI).</summary>
public interface IGateReference
{
    /// <summary>How the reference is named in the trace's description.</summary>
    string Name { get; }

    /// <exception cref="PerLayer.LayerReferenceUnavailableException">the reference cannot run here.</exception>
    GateSteps Trace(GateTraceRequest request);
}
