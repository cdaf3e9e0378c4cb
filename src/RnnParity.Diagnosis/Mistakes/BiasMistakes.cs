using RnnParity.Core.Cells;
using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Mistakes;

/// <summary>The recurrent cells' biases left out (zero).</summary>
public sealed class BiasMissing : WeightMistake
{
    public override string Name => "bias-missing";

    protected override bool Rewrite(CellWeight owner, Tensor weight, string form)
    {
        if (owner.Role != "bias") return false;
        Array.Clear(weight.Data);
        return true;
    }

    protected override string Describe(string form) => "the recurrent layers' biases were not added";
}

/// <summary>The recurrent cells' biases added twice: Keras's one bias copied into both of PyTorch's b_ih and b_hh.</summary>
public sealed class BiasDoubled : WeightMistake
{
    public override string Name => "bias-doubled";

    protected override bool Rewrite(CellWeight owner, Tensor weight, string form)
    {
        if (owner.Role != "bias") return false;
        for (int i = 0; i < weight.Length; i++) weight.Data[i] *= 2;
        return true;
    }

    protected override string Describe(string form) => "the recurrent layers' biases were added twice (one bias copied into both b_ih and b_hh)";
}

/// <summary>A GRU's (2, 3·units) bias (reset_after) with its input and recurrent rows swapped.</summary>
public sealed class GruBiasRowsSwapped : WeightMistake
{
    public override string Name => "gru-bias-rows-swapped";

    protected override bool Rewrite(CellWeight owner, Tensor weight, string form)
    {
        if (owner.Role != "bias" || owner.Cell is not GruCell { ResetAfter: true }) return false;
        int w = weight.Shape[1];
        var row0 = weight.Data.AsSpan(0, w).ToArray();
        weight.Data.AsSpan(w, w).CopyTo(weight.Data.AsSpan(0, w));
        row0.CopyTo(weight.Data.AsSpan(w, w));
        return true;
    }

    protected override string Describe(string form) => "the GRU bias rows (input bias, recurrent bias) were swapped";
}
