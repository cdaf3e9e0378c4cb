using System.IO.Compression;
using System.Text;

namespace RnnParity.KerasConfig.Files;

/// <summary>The three entries of a Keras 3 <c>.keras</c> zip, read into memory within <see cref="ReadLimits"/>.</summary>
public sealed record KerasZipContents(string ConfigJson, string? MetadataJson, byte[] WeightsH5);

/// <summary>
/// Reads a <c>.keras</c> zip (<c>keras/src/saving/saving_lib.py</c>): <c>config.json</c>,
/// <c>metadata.json</c> and <c>model.weights.h5</c>. Entries are never extracted to disk; names
/// with <c>..</c>, absolute paths or drive letters, and entries whose size or compression ratio
/// exceeds the limits, are refused before anything is decompressed, and decompression stops at the
/// declared size, so an entry that lies about its size cannot run away.
/// </summary>
public static class KerasZipReader
{
    public const string ConfigEntry = "config.json";
    public const string MetadataEntry = "metadata.json";
    public const string WeightsEntry = "model.weights.h5";

    /// <exception cref="ModelFileException">the zip is corrupt, unsafe, or lacks config.json or model.weights.h5.</exception>
    public static KerasZipContents Read(Stream stream, string file, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Default;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                CheckName(entry.FullName, file);
                if (!entries.TryAdd(entry.FullName, entry))
                    throw new ModelFileException(file, $"zip entry '{entry.FullName}' appears twice; refusing an ambiguous archive");
            }
            if (entries.ContainsKey("model.weights.npz") && !entries.ContainsKey(WeightsEntry))
                throw new ModelFileException(file, "weights stored as model.weights.npz are not supported yet (only model.weights.h5)");
            long total = 0;
            string config = Encoding.UTF8.GetString(ReadEntry(Require(entries, ConfigEntry, file), file, limits, ref total));
            string? metadata = entries.TryGetValue(MetadataEntry, out var m) ? Encoding.UTF8.GetString(ReadEntry(m, file, limits, ref total)) : null;
            byte[] weights = ReadEntry(Require(entries, WeightsEntry, file), file, limits, ref total);
            return new KerasZipContents(config, metadata, weights);
        }
        catch (InvalidDataException e) { throw new ModelFileException(file, $"not a readable zip archive (truncated or corrupt): {e.Message}", inner: e); }
        catch (IOException e) { throw new ModelFileException(file, $"cannot read the zip archive: {e.Message}", inner: e); }
    }

    /// <summary>Refuses names that would escape a folder if extracted (zip slip), even though nothing is extracted.</summary>
    internal static void CheckName(string name, string file)
    {
        bool absolute = name.StartsWith('/') || name.StartsWith('\\') || (name.Length >= 2 && name[1] == ':');
        bool parent = name.Split('/', '\\').Any(part => part == "..");
        if (absolute || parent || name.Contains('\0'))
            throw new ModelFileException(file, $"zip entry name '{name.Replace("\0", "\\0")}' is absolute or contains '..'; refusing an unsafe archive");
    }

    static ZipArchiveEntry Require(Dictionary<string, ZipArchiveEntry> entries, string name, string file) =>
        entries.TryGetValue(name, out var e) ? e
            : throw new ModelFileException(file, $"the .keras archive has no '{name}' (entries: {string.Join(", ", entries.Keys.Take(20))}); expected config.json and model.weights.h5");

    static byte[] ReadEntry(ZipArchiveEntry entry, string file, ReadLimits limits, ref long total)
    {
        long size = entry.Length, stored = entry.CompressedLength;
        if (size > limits.MaxEntryBytes)
            throw new ModelFileException(file, $"zip entry '{entry.FullName}' declares {size} bytes, above the limit of {limits.MaxEntryBytes}");
        if (size > limits.RatioFloorBytes && size > limits.MaxCompressionRatio * Math.Max(stored, 1))
            throw new ModelFileException(file, $"zip entry '{entry.FullName}' declares {size} bytes from {stored} stored (ratio above {limits.MaxCompressionRatio}:1); refusing a potential zip bomb");
        total += size;
        if (total > limits.MaxTotalBytes)
            throw new ModelFileException(file, $"the zip entries declare more than {limits.MaxTotalBytes} bytes in total; refusing a potential zip bomb");
        var buffer = new byte[size];
        using var s = entry.Open();
        int read = 0;
        while (read < buffer.Length)
        {
            int n = s.Read(buffer, read, buffer.Length - read);
            if (n == 0) throw new ModelFileException(file, $"zip entry '{entry.FullName}' ends after {read} of its declared {size} bytes (truncated)");
            read += n;
        }
        // More data than declared: the header lied; do not read on.
        if (s.Read(new byte[1], 0, 1) != 0)
            throw new ModelFileException(file, $"zip entry '{entry.FullName}' holds more than its declared {size} bytes; refusing a corrupt or hostile archive");
        return buffer;
    }
}
