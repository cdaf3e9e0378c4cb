namespace RnnParity.Layers.Recurrent;

/// <summary>
/// The options every Keras recurrent layer shares (<c>keras.layers.RNN</c>), with Keras's defaults.
/// <c>Dropout</c> and <c>RecurrentDropout</c> act only in training, so inference ignores them as
/// Keras does; <c>Unroll</c> changes how Keras builds the loop, and the result only at masked
/// steps (see <c>LoopOptions</c>), which is reproduced.
/// </summary>
public sealed record RecurrentOptions
{
    public bool ReturnSequences { get; init; }
    public bool ReturnState { get; init; }
    public bool GoBackwards { get; init; }
    /// <summary>Keras's <c>stateful</c>: the final states of a call are the next call's initial states.
    /// They are kept per layer instance, so per model instance: calls to one stateful model share one
    /// state stream (from several threads, in whatever order the calls finish); give each independent
    /// stream its own model instance. Non-stateful layers keep nothing between calls and one model
    /// may be called from several threads at once.</summary>
    public bool Stateful { get; init; }
    public bool Unroll { get; init; }
    public bool ZeroOutputForMask { get; init; }
    public double Dropout { get; init; }
    public double RecurrentDropout { get; init; }

    /// <summary>
    /// RnnParity's own (not a Keras option): threads that share the batch rows, each running whole
    /// sequences of its rows; 0 (default) chooses: every core for large work, one for tiny work or a batch of one
    /// (<see cref="RnnParity.Core.Recurrent.RecurrentLoop.AutomaticThreads"/>). Results are
    /// bit-identical for any value.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>The options from Keras's keyword arguments, in the layers' constructor order.</summary>
    public static RecurrentOptions Of(bool returnSequences, bool returnState, bool goBackwards, bool stateful,
        bool unroll, bool zeroOutputForMask, double dropout, double recurrentDropout) => new()
    {
        ReturnSequences = returnSequences, ReturnState = returnState, GoBackwards = goBackwards, Stateful = stateful,
        Unroll = unroll, ZeroOutputForMask = zeroOutputForMask, Dropout = dropout, RecurrentDropout = recurrentDropout,
    };
}
