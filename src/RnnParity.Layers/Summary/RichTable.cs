using System.Text;
using System.Text.RegularExpressions;

namespace RnnParity.Layers.Summary;

/// <summary>Column justification, as in rich's <c>JustifyMethod</c> (only the methods Keras uses).</summary>
internal enum RichJustify { Left, Right, Center }

/// <summary>
/// A minimal re-implementation of what <c>rich.table.Table</c> (rich 13.3.1) does for the table Keras 3 builds in
/// <c>summary_utils.print_summary</c>: <c>Table(*columns, width=line_length, show_lines=True)</c> with the default
/// <c>box.HEAVY_HEAD</c>, padding <c>(0, 1)</c>, <c>show_edge=True</c>, and every column created with a fixed
/// <c>width</c>, a justification and the default <c>overflow="ellipsis"</c>, <c>vertical="top"</c>, <c>no_wrap=False</c>.
/// Cells are plain text (the rich markup Keras adds only sets colours, which a captured, colourless console drops).
/// Every character counts as one terminal cell (rich's <c>cell_len</c> counts East-Asian wide characters as two;
/// layer names are ASCII in practice).
/// </summary>
internal static class RichTable
{
    private const int PadLeft = 1;
    private const int PadRight = 1;

    // rich.box.HEAVY_HEAD
    private const char TopLeft = '┏', Top = '━', TopDivider = '┳', TopRight = '┓';
    private const char HeadLeft = '┃', HeadVertical = '┃', HeadRight = '┃';
    private const char HeadRowLeft = '┡', HeadRowHorizontal = '━', HeadRowCross = '╇', HeadRowRight = '┩';
    private const char MidLeft = '│', MidVertical = '│', MidRight = '│';
    private const char RowLeft = '├', RowHorizontal = '─', RowCross = '┼', RowRight = '┤';
    private const char BottomLeft = '└', Bottom = '─', BottomDivider = '┴', BottomRight = '┘';

    private static readonly Regex Word = new(@"\s*\S+\s*", RegexOptions.CultureInvariant);
    private static readonly Regex TrailingWhitespace = new(@"\s+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Renders the table; returns its lines (without newline characters).
    /// </summary>
    /// <param name="tableWidth">The <c>width=</c> given to <c>rich.table.Table</c> (Keras: the line length).</param>
    /// <param name="columnWidths">The fixed <c>width=</c> of each <c>rich.table.Column</c> (content width, without padding).</param>
    /// <param name="justify">Justification of each column (applies to the header too).</param>
    /// <param name="headers">Header text of each column.</param>
    /// <param name="rows">Body rows, one string per column.</param>
    public static List<string> Render(
        int tableWidth,
        IReadOnlyList<int> columnWidths,
        IReadOnlyList<RichJustify> justify,
        IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<string>> rows)
    {
        int[] widths = CalculateColumnWidths(tableWidth, columnWidths);
        var lines = new List<string>();
        lines.Add(Rule(TopLeft, Top, TopDivider, TopRight, widths));

        // Header row: vertical alignment "bottom".
        RenderRow(lines, headers, widths, justify, HeadLeft, HeadVertical, HeadRight, alignBottom: true);
        lines.Add(Rule(HeadRowLeft, HeadRowHorizontal, HeadRowCross, HeadRowRight, widths));

        for (int r = 0; r < rows.Count; r++)
        {
            RenderRow(lines, rows[r], widths, justify, MidLeft, MidVertical, MidRight, alignBottom: false);
            if (r != rows.Count - 1)
            {
                // show_lines=True: a "row" rule between body rows (not after the last one).
                lines.Add(Rule(RowLeft, RowHorizontal, RowCross, RowRight, widths));
            }
        }

        lines.Add(Rule(BottomLeft, Bottom, BottomDivider, BottomRight, widths));
        return lines;
    }

    /// <summary>
    /// <c>Table._calculate_column_widths</c> for fixed-width columns with <c>expand</c> implied by <c>width</c>:
    /// each column measures <c>width + padding</c> (capped at the available width); when the sum is too wide the
    /// excess is taken off evenly with <c>ratio_reduce</c> (the "collapse" step is a no-op because fixed-width columns
    /// are not wrappable); when it is too narrow the spare room is spread with <c>ratio_distribute</c>.
    /// Returns the widths of the cells including padding, excluding the borders.
    /// </summary>
    internal static int[] CalculateColumnWidths(int tableWidth, IReadOnlyList<int> columnWidths)
    {
        int n = columnWidths.Count;
        int extraWidth = 2 + (n - 1); // show_edge + dividers
        int maxWidth = tableWidth - extraWidth;
        int padding = PadLeft + PadRight;

        var widths = new int[n];
        for (int i = 0; i < n; i++)
        {
            // Measurement(w + pad, w + pad).with_maximum(max_width); "maximum or 1".
            int measured = Math.Min(columnWidths[i] + padding, maxWidth);
            widths[i] = measured == 0 ? 1 : measured;
        }

        int total = widths.Sum();
        if (total > maxWidth)
        {
            int excess = total - maxWidth;
            widths = RatioReduce(excess, Enumerable.Repeat(1, n).ToArray(), widths, widths);
            // Re-measure at the reduced width: min(w + pad, reduced) == reduced for fixed columns.
            for (int i = 0; i < n; i++)
            {
                widths[i] = widths[i] < 1 ? 0 : Math.Min(columnWidths[i] + padding, widths[i]);
            }

            total = widths.Sum();
        }

        if (total < maxWidth)
        {
            int[] pads = RatioDistribute(maxWidth - total, widths);
            for (int i = 0; i < n; i++)
            {
                widths[i] += pads[i];
            }
        }

        return widths;
    }

    /// <summary>rich._ratio.ratio_reduce (Python <c>round</c> is round-half-to-even, as is <see cref="Math.Round(double)"/>).</summary>
    internal static int[] RatioReduce(int total, int[] ratios, int[] maximums, int[] values)
    {
        ratios = ratios.Select((r, i) => maximums[i] != 0 ? r : 0).ToArray();
        int totalRatio = ratios.Sum();
        if (totalRatio == 0)
        {
            return (int[])values.Clone();
        }

        int totalRemaining = total;
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int ratio = ratios[i];
            if (ratio != 0 && totalRatio > 0)
            {
                int distributed = Math.Min(maximums[i], (int)Math.Round((double)ratio * totalRemaining / totalRatio));
                result[i] = values[i] - distributed;
                totalRemaining -= distributed;
                totalRatio -= ratio;
            }
            else
            {
                result[i] = values[i];
            }
        }

        return result;
    }

    /// <summary>rich._ratio.ratio_distribute without minimums.</summary>
    internal static int[] RatioDistribute(int total, int[] ratios)
    {
        int totalRatio = ratios.Sum();
        if (totalRatio <= 0)
        {
            throw new InvalidOperationException("Sum of ratios must be > 0");
        }

        int totalRemaining = total;
        var result = new int[ratios.Length];
        for (int i = 0; i < ratios.Length; i++)
        {
            int distributed = totalRatio > 0
                ? Math.Max(0, (int)Math.Ceiling((double)ratios[i] * totalRemaining / totalRatio))
                : totalRemaining;
            result[i] = distributed;
            totalRatio -= ratios[i];
            totalRemaining -= distributed;
        }

        return result;
    }

    private static string Rule(char left, char horizontal, char cross, char right, int[] widths)
    {
        var sb = new StringBuilder();
        sb.Append(left);
        for (int i = 0; i < widths.Length; i++)
        {
            sb.Append(horizontal, widths[i]);
            sb.Append(i == widths.Length - 1 ? right : cross);
        }

        return sb.ToString();
    }

    private static void RenderRow(
        List<string> output,
        IReadOnlyList<string> cells,
        int[] widths,
        IReadOnlyList<RichJustify> justify,
        char left,
        char divider,
        char right,
        bool alignBottom)
    {
        var rendered = new List<string>[widths.Length];
        int height = 1;
        for (int c = 0; c < widths.Length; c++)
        {
            string text = c < cells.Count ? cells[c] ?? string.Empty : string.Empty;
            rendered[c] = RenderCell(text, widths[c], justify[c]);
            height = Math.Max(height, rendered[c].Count);
        }

        for (int c = 0; c < widths.Length; c++)
        {
            var blank = new string(' ', widths[c]);
            while (rendered[c].Count < height)
            {
                if (alignBottom)
                {
                    rendered[c].Insert(0, blank);
                }
                else
                {
                    rendered[c].Add(blank);
                }
            }
        }

        for (int line = 0; line < height; line++)
        {
            var sb = new StringBuilder();
            sb.Append(left);
            for (int c = 0; c < widths.Length; c++)
            {
                sb.Append(rendered[c][line]);
                sb.Append(c == widths.Length - 1 ? right : divider);
            }

            output.Add(sb.ToString());
        }
    }

    /// <summary>
    /// Renders one padded cell: <c>Padding(text, (0, 1))</c> at the cell width, the text wrapped by
    /// <c>Text.wrap</c> with the column's justify and <c>overflow="ellipsis"</c>, every line padded to width.
    /// </summary>
    internal static List<string> RenderCell(string text, int width, RichJustify justify)
    {
        int inner = Math.Max(0, width - PadLeft - PadRight);
        var result = new List<string>();
        foreach (string line in Wrap(text, inner, justify))
        {
            result.Add(new string(' ', PadLeft) + SetLength(line, inner) + new string(' ', PadRight));
        }

        if (result.Count == 0)
        {
            result.Add(new string(' ', width));
        }

        return result;
    }

    /// <summary>rich <c>Text.wrap(console, width, justify=..., overflow="ellipsis")</c> for plain text.</summary>
    internal static List<string> Wrap(string text, int width, RichJustify justify)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            var offsets = DivideLine(paragraph, width, fold: false);
            var newLines = Divide(paragraph, offsets);
            for (int i = 0; i < newLines.Count; i++)
            {
                string line = RstripEnd(newLines[i], width);
                line = justify switch
                {
                    RichJustify.Left => Truncate(line, width, pad: true),
                    RichJustify.Right => PadLeftTo(Truncate(line.TrimEnd(), width, pad: false), width),
                    _ => Center(line, width),
                };
                lines.Add(Truncate(line, width, pad: false));
            }
        }

        return lines;
    }

    private static string Center(string line, int width)
    {
        line = Truncate(line.TrimEnd(), width, pad: false);
        line = new string(' ', Math.Max(0, (width - line.Length) / 2)) + line;
        return line + new string(' ', Math.Max(0, width - line.Length));
    }

    private static string PadLeftTo(string line, int width)
        => width > line.Length ? new string(' ', width - line.Length) + line : line;

    /// <summary>rich._wrap.divide_line: offsets at which to break <paramref name="text"/>.</summary>
    internal static List<int> DivideLine(string text, int width, bool fold)
    {
        var divides = new List<int>();
        int linePosition = 0;
        int position = 0;
        while (true)
        {
            Match m = Word.Match(text, position);
            if (!m.Success || m.Index != position)
            {
                break; // re.match semantics: the next word must start exactly at `position`.
            }

            int start = m.Index;
            string word = m.Value;
            position = m.Index + m.Length;
            int wordLength = word.TrimEnd().Length;
            if (linePosition + wordLength > width)
            {
                if (wordLength > width)
                {
                    if (fold)
                    {
                        var chopped = ChopCells(word, width);
                        for (int i = 0; i < chopped.Count; i++)
                        {
                            if (start != 0)
                            {
                                divides.Add(start);
                            }

                            if (i == chopped.Count - 1)
                            {
                                linePosition = chopped[i].Length;
                            }
                            else
                            {
                                start += chopped[i].Length;
                            }
                        }
                    }
                    else
                    {
                        if (start != 0)
                        {
                            divides.Add(start);
                        }

                        linePosition = word.Length;
                    }
                }
                else if (linePosition != 0 && start != 0)
                {
                    divides.Add(start);
                    linePosition = word.Length;
                }
            }
            else
            {
                linePosition += word.Length;
            }
        }

        return divides;
    }

    private static List<string> ChopCells(string text, int maxSize)
    {
        var lines = new List<string>();
        if (maxSize <= 0)
        {
            lines.Add(text);
            return lines;
        }

        for (int i = 0; i < text.Length; i += maxSize)
        {
            lines.Add(text.Substring(i, Math.Min(maxSize, text.Length - i)));
        }

        return lines;
    }

    private static List<string> Divide(string text, List<int> offsets)
    {
        var result = new List<string>();
        int previous = 0;
        foreach (int offset in offsets)
        {
            result.Add(text[previous..offset]);
            previous = offset;
        }

        result.Add(text[previous..]);
        return result;
    }

    /// <summary>Text.rstrip_end: remove trailing whitespace beyond <paramref name="size"/>.</summary>
    private static string RstripEnd(string line, int size)
    {
        if (line.Length > size)
        {
            int excess = line.Length - size;
            Match m = TrailingWhitespace.Match(line);
            if (m.Success)
            {
                int crop = Math.Min(m.Length, excess);
                return line[..(line.Length - crop)];
            }
        }

        return line;
    }

    /// <summary>Text.truncate with overflow "ellipsis".</summary>
    private static string Truncate(string line, int maxWidth, bool pad)
    {
        int length = line.Length;
        if (length > maxWidth)
        {
            line = maxWidth >= 1 ? SetLength(line, maxWidth - 1) + "…" : string.Empty;
        }

        if (pad && length < maxWidth)
        {
            line += new string(' ', maxWidth - length);
        }

        return line;
    }

    /// <summary>Crop or right-pad to exactly <paramref name="width"/> cells (rich set_cell_size / adjust_line_length).</summary>
    private static string SetLength(string line, int width)
        => line.Length >= width ? line[..width] : line + new string(' ', width - line.Length);
}
