namespace RnnParity.KerasConfig.Files;

/// <summary>
/// Bounds on what a model file may make the reader allocate, so that a hostile file (a zip bomb,
/// an HDF5 header declaring a huge dataset) is refused before memory is spent on it.
/// </summary>
public sealed record ReadLimits
{
    /// <summary>Largest uncompressed zip entry read into memory (default 1 GiB; a .NET array holds at most 2 GiB).</summary>
    public long MaxEntryBytes { get; init; } = 1L << 30;

    /// <summary>Largest total of uncompressed zip entries read (default 1.5 GiB).</summary>
    public long MaxTotalBytes { get; init; } = 3L << 29;

    /// <summary>
    /// Largest uncompressed/compressed ratio of an entry above <see cref="RatioFloorBytes"/>. Keras
    /// stores its entries uncompressed and DEFLATE cannot pass ~1032:1, so Keras refuses above 100:1
    /// too (<c>saving_lib._ZIP_MEMBER_MAX_EXPANSION</c>).
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries smaller than this are never refused for their ratio (highly repetitive small JSON compresses well).</summary>
    public long RatioFloorBytes { get; init; } = 1L << 20;

    /// <summary>Largest single weight array, in elements (default 2^28, 1 GiB of float32).</summary>
    public long MaxWeightElements { get; init; } = 1L << 28;

    public static ReadLimits Default { get; } = new();
}
