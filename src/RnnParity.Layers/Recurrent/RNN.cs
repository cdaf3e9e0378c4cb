using RnnParity.Core.Cells;

namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's generic <c>RNN(cell)</c> (<c>keras/src/layers/rnn/rnn.py</c>) over a
/// <see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/>, <see cref="GRUCell"/> or a
/// <see cref="StackedRNNCells"/> of them (Keras's <c>RNN([cell, cell])</c>): the same loop as
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

    /// <summary>Keras's <c>RNN([cell, ...])</c>: a list of cells is stacked.</summary>
    public RNN(IReadOnlyList<RNNCell> cells, bool returnSequences = false, bool returnState = false, bool goBackwards = false, string? name = null)
        : this(new StackedRNNCells(cells), RecurrentOptions.Of(returnSequences, returnState, goBackwards, false, false, false, 0, 0), name)
    { }

    public RNN(RNNCell cell, RecurrentOptions options, string? name = null)
        : base((cell ?? throw new ArgumentNullException(nameof(cell))).Units, options, name)
    {
        RnnCell = cell;
    }

    /// <summary>The Keras cell this layer runs (named <c>Cell</c> in Keras; <see cref="RecurrentLayer.Cell"/> is the built step).</summary>
    public RNNCell RnnCell { get; }

    public override int StateCount => RnnCell.StateCount;

    public override int StateWidth(int k) => RnnCell.StateWidth(k);

    public override IEnumerable<(string Path, Core.Tensors.Variable Weight)> WeightPaths() =>
        IsBuilt ? RnnCell.WeightPaths(Cell).Select(p => ($"{Name}/{p.Path}", p.Weight)) : [];

    protected override string CellName => RnnCell.Name;

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new RNN(RnnCell, options, name);

    protected override RecurrentCell CreateCell(int inputDim) => RnnCell.CreateCell(inputDim);
}
