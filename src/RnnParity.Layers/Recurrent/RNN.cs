using RnnParity.Core.Cells;

namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's generic <c>RNN(cell)</c> (<c>keras/src/layers/rnn/rnn.py</c>) over one
/// <see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/> or <see cref="GRUCell"/>: the same loop as
/// SimpleRNN, LSTM and GRU (which in Keras are this layer with their cell), so
/// <c>RNN(LSTMCell(u))</c> computes what <c>LSTM(u)</c> computes. Weight paths carry the cell's own
/// name: <c>rnn/lstm_cell/kernel</c>.
/// </summary>
public sealed class RNN : RecurrentLayer
{
    public RNN(RNNCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, string? name = null)
        : this(cell, RecurrentOptions.Of(returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, 0, 0), name)
    { }

    public RNN(RNNCell cell, RecurrentOptions options, string? name = null)
        : base((cell ?? throw new ArgumentNullException(nameof(cell))).Units, options, name)
    {
        RnnCell = cell;
    }

    /// <summary>The Keras cell this layer runs (named <c>Cell</c> in Keras; <see cref="RecurrentLayer.Cell"/> is the built step).</summary>
    public RNNCell RnnCell { get; }

    public override int StateCount => RnnCell.StateCount;

    protected override string CellName => RnnCell.Name;

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new RNN(RnnCell, options, name);

    protected override RecurrentCell CreateCell(int inputDim) => RnnCell.CreateCell(inputDim);
}
