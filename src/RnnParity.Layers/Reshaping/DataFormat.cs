namespace RnnParity.Layers.Reshaping;

/// <summary>Keras's <c>backend.standardize_data_format</c>: null means the default, <c>channels_last</c>.</summary>
internal static class DataFormat
{
    public const string ChannelsLast = "channels_last";
    public const string ChannelsFirst = "channels_first";

    /// <returns>The standardised name, or null when it is neither format.</returns>
    public static string? Standardize(string? value) => (value ?? ChannelsLast).ToLowerInvariant() switch
    {
        ChannelsLast => ChannelsLast,
        ChannelsFirst => ChannelsFirst,
        _ => null,
    };

    public const string Expected = "expected 'channels_last' or 'channels_first'";
}
