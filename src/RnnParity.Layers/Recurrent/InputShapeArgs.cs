namespace RnnParity.Layers.Recurrent;

/// <summary>
/// The Keras 2 ways of giving the first layer its input: <c>input_shape=(timesteps, features)</c>,
/// <c>batch_input_shape=(batch, timesteps, features)</c>, or <c>input_length</c> + <c>input_dim</c>.
/// </summary>
internal static class InputShapeArgs
{
    public static int?[]? Resolve(string layer, (int? Timesteps, int Features)? inputShape, (int? Batch, int? Timesteps, int Features)? batchInputShape, int? inputLength, int? inputDim)
    {
        int given = (inputShape is null ? 0 : 1) + (batchInputShape is null ? 0 : 1) + (inputDim is null && inputLength is null ? 0 : 1);
        if (given > 1)
            throw new ArgumentException($"layer '{layer}': give only one of inputShape, batchInputShape or inputLength/inputDim.");
        if (inputShape is { } s) return [null, s.Timesteps, s.Features];
        if (batchInputShape is { } b) return [b.Batch, b.Timesteps, b.Features];
        if (inputDim is { } d) return [null, inputLength, d];
        if (inputLength is not null)
            throw new ArgumentException($"layer '{layer}': inputLength needs inputDim (Keras 2's input_length + input_dim).");
        return null;
    }
}
