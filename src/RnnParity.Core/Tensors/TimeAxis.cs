namespace RnnParity.Core.Tensors;

/// <summary>The time axis of (batch, timesteps, ...) tensors.</summary>
public static class TimeAxis
{
    /// <summary>A copy with the timesteps of every batch row in reverse order (axis 1 flipped); no mask.</summary>
    public static Tensor Reverse(Tensor x)
    {
        int batch = x.Shape[0], steps = x.Shape[1], inner = steps == 0 || batch == 0 ? 0 : x.Length / (batch * steps);
        var y = new Tensor((int[])x.Shape.Clone());
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                x.Data.AsSpan((b * steps + t) * inner, inner).CopyTo(y.Data.AsSpan((b * steps + steps - 1 - t) * inner, inner));
        return y;
    }
}
