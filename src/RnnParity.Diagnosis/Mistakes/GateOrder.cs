using RnnParity.Core.Cells;
using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>
/// Gate blocks taken in another library's order: ONNX's LSTM is i, o, f, c against Keras's i, f, c, o;
/// PyTorch's GRU is r, z, n against Keras's z, r, h. Applied to kernel, recurrent kernel and bias alike.
/// </summary>
public sealed class GateOrder : WeightMistake
{
    // Keras block b of the weights used = block source[b] of the weights given.
    static readonly Dictionary<string, (Type Cell, int[] Source)> Orders = new()
    {
        ["ONNX LSTM order i, o, f, c read as Keras's i, f, c, o"] = (typeof(LstmCell), [0, 2, 3, 1]),
        ["Keras's LSTM order i, f, c, o read as ONNX's i, o, f, c"] = (typeof(LstmCell), [0, 3, 1, 2]),
        ["PyTorch GRU order r, z, n read as Keras's z, r, h"] = (typeof(GruCell), [1, 0, 2]),
    };

    public override string Name => "gate-order";

    protected override IEnumerable<string> Forms => Orders.Keys;

    protected override bool Rewrite(CellWeight owner, Tensor weight, string form)
    {
        var (cell, source) = Orders[form];
        if (owner.Cell.GetType() != cell) return false;
        PermuteBlocks(weight, owner.Cell.Units, source);
        return true;
    }

    protected override string Describe(string form) => form;
}
