using RnnParity.Core.Cells;

namespace RnnParity.Core.Recurrent;

/// <summary>
/// Watches <see cref="RecurrentLoop.Run"/> step by step (<c>rnnparity diff</c>'s gate traces); set
/// through <see cref="RecurrentLoop.Observer"/>. Spans are valid only during the call.
/// </summary>
public interface IStepObserver
{
    /// <summary>Before the first step: the loop's inputs (batch, timesteps, input_dim), mask (empty for none), options and initial states.</summary>
    void Begin(RecurrentCell cell, ReadOnlySpan<float> inputs, int batch, int timesteps, ReadOnlySpan<bool> mask, LoopOptions options, ReadOnlySpan<float> initialState);

    /// <summary>
    /// After step <paramref name="step"/> (processing order: with go_backwards step 0 reads the last
    /// timestep) and its masking: the new states and the workspace the cell's step used
    /// (<see cref="RecurrentCell.ReadGates"/> reads the gates from it).
    /// </summary>
    void Step(RecurrentCell cell, int step, ReadOnlySpan<float> states, ReadOnlySpan<float> workspace, int batch);
}
