using System.Globalization;
using System.Numerics;
using System.Text;

namespace RnnParity.Layers.Summary;

/// <summary>
/// Formats a model summary exactly like Keras' <c>model.summary()</c>. A pure function of <see cref="SummaryData"/>.
/// <para>
/// <see cref="SummaryStyle.Keras3"/> follows <c>keras/src/utils/summary_utils.py</c> (Keras 3.15.1) and the
/// rendering of <c>rich.table.Table</c> (rich 13.3.1) into a colourless captured console; it was checked
/// character for character against the 18 reference summaries in <c>fixtures/keras/*/summary.txt</c>.
/// </para>
/// <para>
/// <see cref="SummaryStyle.Keras2"/> follows tf.keras 2.9–2.12 <c>keras/utils/layer_utils.py::print_summary</c>;
/// <see cref="SummaryStyle.Keras2Legacy"/> follows standalone Keras 2.0–2.2.4 (see <see cref="SummaryStyle"/>).
/// </para>
/// </summary>
public static class SummaryFormatter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The line length Keras uses when none is given.
    /// Keras 3: 88 for sequential-like models, 108 otherwise. Keras itself then takes
    /// <c>min(default, terminal_columns - 4)</c>; this port deliberately ignores the terminal so that the text is
    /// reproducible and equals the reference output (generated with <c>COLUMNS=200</c>, i.e. a terminal wide enough not
    /// to matter). Pass <c>lineLength</c> to <see cref="Format"/> to emulate a narrow terminal.
    /// Keras 2 (both variants): 65 for sequential-like models, 98 otherwise.
    /// </summary>
    public static int DefaultLineLength(bool sequentialLike, SummaryStyle style = SummaryStyle.Keras3) => style switch
    {
        SummaryStyle.Keras3 => sequentialLike ? 88 : 108,
        SummaryStyle.Keras2 or SummaryStyle.Keras2Legacy => sequentialLike ? 65 : 98,
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
    };

    /// <summary>
    /// Formats the summary. Lines are joined with <c>"\n"</c> and the text ends with <c>"\n"</c>
    /// (like Keras' captured output and the reference <c>summary.txt</c> files).
    /// </summary>
    /// <exception cref="ArgumentException">The line length is too small for the columns (Keras 3 raises
    /// <c>ValueError("Insufficient console width to print summary.")</c> when a column would be narrower than 4).</exception>
    public static string Format(SummaryData data, int? lineLength = null, SummaryStyle style = SummaryStyle.Keras3)
    {
        ArgumentNullException.ThrowIfNull(data);
        int length = lineLength ?? DefaultLineLength(data.SequentialLike, style);
        if (length <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lineLength), lineLength, "Line length must be positive.");
        }

        List<string> lines = style switch
        {
            SummaryStyle.Keras3 => FormatKeras3(data, length),
            SummaryStyle.Keras2 => FormatKeras2(data, length),
            SummaryStyle.Keras2Legacy => FormatKeras2Legacy(data, length),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
        };

        var sb = new StringBuilder();
        foreach (string line in lines)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    // ------------------------------------------------------------------ Keras 3

    private static List<string> FormatKeras3(SummaryData data, int lineLength)
    {
        double[] positions;
        string[] headers;
        RichJustify[] justify;
        if (data.SequentialLike)
        {
            positions = [0.45, 0.80, 1.0];
            headers = ["Layer (type)", "Output Shape", "Param #"];
            justify = [RichJustify.Left, RichJustify.Left, RichJustify.Right];
        }
        else
        {
            positions = [0.3, 0.56, 0.74, 1.0];
            headers = ["Layer (type)", "Output Shape", "Param #", "Connected to"];
            justify = [RichJustify.Left, RichJustify.Left, RichJustify.Right, RichJustify.Left];
        }

        var columnWidths = new int[positions.Length];
        int current = 0;
        for (int i = 0; i < positions.Length; i++)
        {
            int width = (int)(positions[i] * lineLength) - current;
            if (width < 4)
            {
                throw new ArgumentException("Insufficient console width to print summary.", nameof(lineLength));
            }

            columnWidths[i] = width;
            current += width;
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (SummaryRow row in data.Rows)
        {
            var fields = new List<string>
            {
                $"{row.Name} ({row.ClassName})",
                FormatShapesKeras3(row.OutputShapes),
                FormatThousands(row.Params),
            };
            if (!data.SequentialLike)
            {
                fields.Add(row.ConnectedTo is { Count: > 0 } c ? string.Join(", ", c) : "-");
            }

            rows.Add(fields);
        }

        var lines = new List<string> { $"Model: \"{data.ModelName}\"" };
        lines.AddRange(RichTable.Render(lineLength, columnWidths, justify, headers, rows));
        long totalBytes = data.TrainableBytes + data.NonTrainableBytes;
        lines.Add($" Total params: {FormatThousands(data.TotalParams)} ({ReadableMemorySize(totalBytes)})");
        lines.Add($" Trainable params: {FormatThousands(data.TrainableParams)} ({ReadableMemorySize(data.TrainableBytes)})");
        lines.Add($" Non-trainable params: {FormatThousands(data.NonTrainableParams)} ({ReadableMemorySize(data.NonTrainableBytes)})");
        return lines;
    }

    /// <summary>
    /// Keras 3 <c>format_layer_shape</c>: one output prints as <c>(None, 5, 3)</c> (a 1-D shape as <c>(5)</c>, since
    /// Keras joins the dims itself instead of using Python's tuple repr), several as
    /// <c>[(None, 5, 3), (None, 3)]</c>, none as <c>?</c>.
    /// </summary>
    public static string FormatShapesKeras3(IReadOnlyList<IReadOnlyList<int?>>? shapes)
    {
        if (shapes is null || shapes.Count == 0)
        {
            return "?";
        }

        static string One(IReadOnlyList<int?> shape)
            => "(" + string.Join(", ", shape.Select(d => d?.ToString(Inv) ?? "None")) + ")";

        return shapes.Count == 1 ? One(shapes[0]) : "[" + string.Join(", ", shapes.Select(One)) + "]";
    }

    /// <summary>Python <c>f"{n:,}"</c>: comma thousands separators.</summary>
    public static string FormatThousands(long value) => value.ToString("#,0", Inv);

    /// <summary>
    /// Keras <c>readable_memory_size</c>: divide by 1024 until the value is below 1024, print with two decimals and
    /// the unit B, KB, MB, GB, TB, PB (e.g. <c>0.00 B</c>, <c>984.00 B</c>, <c>1.39 KB</c>, <c>33.25 KB</c>).
    /// Rounding is exact round-half-to-even like Python's <c>"{:.2f}"</c> on the (exact) binary quotient.
    /// </summary>
    public static string ReadableMemorySize(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        if (bytes < 0)
        {
            return "-" + ReadableMemorySize(-bytes);
        }

        BigInteger value = bytes;
        BigInteger divisor = BigInteger.One;
        int unit = 0;
        for (; unit < units.Length; unit++)
        {
            if (value < divisor * 1024)
            {
                return FormatFixed2(value, divisor) + " " + units[unit];
            }

            divisor *= 1024;
        }

        // Keras divides once more after the last unit and still labels it "PB".
        return FormatFixed2(value, divisor) + " " + units[^1];
    }

    private static string FormatFixed2(BigInteger numerator, BigInteger denominator)
    {
        BigInteger scaled = numerator * 100;
        BigInteger q = BigInteger.DivRem(scaled, denominator, out BigInteger r);
        int cmp = (r * 2).CompareTo(denominator);
        if (cmp > 0 || (cmp == 0 && !q.IsEven))
        {
            q += 1;
        }

        BigInteger whole = BigInteger.DivRem(q, 100, out BigInteger cents);
        return whole.ToString(Inv) + "." + ((int)cents).ToString("00", Inv);
    }

    // ------------------------------------------------------------------ Keras 2 (tf.keras 2.9–2.12)

    private static List<string> FormatKeras2(SummaryData data, int lineLength)
    {
        double[] relative = data.SequentialLike ? [0.45, 0.85, 1.0] : [0.3, 0.6, 0.70, 1.0];
        int[] positions = relative.Select(p => (int)(lineLength * p)).ToArray();
        string[] header = data.SequentialLike
            ? ["Layer (type)", "Output Shape", "Param #"]
            : ["Layer (type)", "Output Shape", "Param #", "Connected to"];

        var lines = new List<string> { $"Model: \"{data.ModelName}\"", new('_', lineLength) };
        PrintRowKeras2(lines, header, positions);
        lines.Add(new string('=', lineLength));
        foreach (SummaryRow row in data.Rows)
        {
            var fields = new List<string>
            {
                row.Name + " (" + row.ClassName + ")",
                FormatShapesPython(row),
                row.Params.ToString(Inv),
            };
            if (!data.SequentialLike)
            {
                fields.Add(PythonListRepr(row.ConnectedTo ?? []));
            }

            PrintRowKeras2(lines, fields, positions);
            lines.Add(new string(' ', lineLength));
        }

        lines.Add(new string('=', lineLength));
        lines.Add($"Total params: {FormatThousands(data.TotalParams)}");
        lines.Add($"Trainable params: {FormatThousands(data.TrainableParams)}");
        lines.Add($"Non-trainable params: {FormatThousands(data.NonTrainableParams)}");
        lines.Add(new string('_', lineLength));
        return lines;
    }

    /// <summary>tf.keras 2.9–2.12 <c>print_row</c> (nested_level 0), including its wrapping of long fields.</summary>
    private static void PrintRowKeras2(List<string> lines, IReadOnlyList<string> fields, int[] positions)
    {
        string[] left = fields.ToArray();
        string[] breakAfter = ["),", "},", "],", "',"];
        while (left.Any(s => s.Length > 0))
        {
            var line = new StringBuilder();
            for (int col = 0; col < left.Length; col++)
            {
                int start = col > 0 ? positions[col - 1] : 0;
                int end = positions[col];
                int space = col != positions.Length - 1 ? 2 : 0;
                int cutoff = end - start - space;
                if (cutoff <= 0)
                {
                    throw new ArgumentException("Line length too small for the Keras 2 summary columns.");
                }

                string fit = left[col][..Math.Min(cutoff, left[col].Length)];
                int best = int.MaxValue;
                foreach (string cond in breakAfter)
                {
                    int idx = fit.IndexOf(cond, StringComparison.Ordinal);
                    if (idx >= 0)
                    {
                        best = Math.Min(best, idx + cond.Length);
                    }
                }

                if (best != int.MaxValue)
                {
                    cutoff = best;
                    fit = fit[..cutoff];
                }

                if (col == 0)
                {
                    line.Append(' ');
                }

                line.Append(fit);
                line.Append(' ', space);
                left[col] = left[col][Math.Min(cutoff, left[col].Length)..];
                if (positions[col] > line.Length)
                {
                    line.Append(' ', positions[col] - line.Length);
                }
            }

            lines.Add(line.ToString());
        }
    }

    // ------------------------------------------------------------------ Keras 2.0–2.2.4

    private static List<string> FormatKeras2Legacy(SummaryData data, int lineLength)
    {
        double[] relative = data.SequentialLike ? [0.45, 0.85, 1.0] : [0.33, 0.55, 0.67, 1.0];
        int[] positions = relative.Select(p => (int)(lineLength * p)).ToArray();
        string[] header = data.SequentialLike
            ? ["Layer (type)", "Output Shape", "Param #"]
            : ["Layer (type)", "Output Shape", "Param #", "Connected to"];

        var lines = new List<string> { new('_', lineLength) };
        PrintRowLegacy(lines, header, positions);
        lines.Add(new string('=', lineLength));
        for (int i = 0; i < data.Rows.Count; i++)
        {
            SummaryRow row = data.Rows[i];
            string name = row.Name + " (" + row.ClassName + ")";
            string shape = FormatShapesPython(row, inputLayerAsList: false);
            string parameters = row.Params.ToString(Inv);
            if (data.SequentialLike)
            {
                PrintRowLegacy(lines, [name, shape, parameters], positions);
            }
            else
            {
                IReadOnlyList<string> connections = row.ConnectedTo ?? [];
                PrintRowLegacy(lines, [name, shape, parameters, connections.Count > 0 ? connections[0] : string.Empty], positions);
                for (int c = 1; c < connections.Count; c++)
                {
                    PrintRowLegacy(lines, [string.Empty, string.Empty, string.Empty, connections[c]], positions);
                }
            }

            lines.Add(new string(i == data.Rows.Count - 1 ? '=' : '_', lineLength));
        }

        lines.Add($"Total params: {FormatThousands(data.TotalParams)}");
        lines.Add($"Trainable params: {FormatThousands(data.TrainableParams)}");
        lines.Add($"Non-trainable params: {FormatThousands(data.NonTrainableParams)}");
        lines.Add(new string('_', lineLength));
        return lines;
    }

    /// <summary>Keras 2.0–2.2.4 <c>print_row</c>: fields cut at their column end, at least one space between columns.</summary>
    private static void PrintRowLegacy(List<string> lines, IReadOnlyList<string> fields, int[] positions)
    {
        string line = string.Empty;
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line = line[..Math.Max(0, line.Length - 1)] + " ";
            }

            line += fields[i];
            line = line[..Math.Min(line.Length, Math.Max(0, positions[i]))];
            if (positions[i] > line.Length)
            {
                line += new string(' ', positions[i] - line.Length);
            }
        }

        lines.Add(line);
    }

    // ------------------------------------------------------------------ Python repr helpers (Keras 2)

    /// <summary>
    /// <c>str(layer.output_shape)</c> in Keras 2: a Python tuple <c>(None, 3)</c> / <c>(5,)</c>, a list of tuples for
    /// several outputs, and in tf.keras 2.x a one-element list for an <c>InputLayer</c> (<c>[(None, 5, 4)]</c>).
    /// </summary>
    private static string FormatShapesPython(SummaryRow row, bool inputLayerAsList = true)
    {
        var shapes = row.OutputShapes;
        if (shapes is null || shapes.Count == 0)
        {
            return "multiple";
        }

        static string Tuple(IReadOnlyList<int?> shape)
        {
            var dims = shape.Select(d => d?.ToString(Inv) ?? "None").ToArray();
            return dims.Length == 1 ? "(" + dims[0] + ",)" : "(" + string.Join(", ", dims) + ")";
        }

        bool asList = shapes.Count > 1 || (inputLayerAsList && row.ClassName == "InputLayer");
        return asList ? "[" + string.Join(", ", shapes.Select(Tuple)) + "]" : Tuple(shapes[0]);
    }

    /// <summary>Python <c>str(list_of_str)</c>, e.g. <c>['input_1[0][0]', 'input_2[0][0]']</c> or <c>[]</c>.</summary>
    private static string PythonListRepr(IReadOnlyList<string> items)
        => "[" + string.Join(", ", items.Select(PythonStrRepr)) + "]";

    private static string PythonStrRepr(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (char ch in s)
        {
            if (ch == '\\' || ch == quote)
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.Append(quote).ToString();
    }
}
