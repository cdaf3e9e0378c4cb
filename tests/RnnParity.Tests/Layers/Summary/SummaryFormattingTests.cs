using RnnParity.Layers.Summary;

namespace RnnParity.Tests.Layers.Summary;

[TestFixture]
public sealed class SummaryFormattingTests
{
    [TestCase(0L, "0")]
    [TestCase(42L, "42")]
    [TestCase(999L, "999")]
    [TestCase(6400L, "6,400")]
    [TestCase(8513L, "8,513")]
    [TestCase(1234567L, "1,234,567")]
    public void Thousands_separator_like_python_comma_format(long value, string expected)
        => Assert.That(SummaryFormatter.FormatThousands(value), Is.EqualTo(expected));

    [TestCase(0L, "0.00 B")]
    [TestCase(168L, "168.00 B")]
    [TestCase(984L, "984.00 B")]
    [TestCase(1023L, "1023.00 B")]
    [TestCase(1024L, "1.00 KB")]
    [TestCase(1424L, "1.39 KB")] // 356 float32 params (embedding_mask_zero_lstm)
    [TestCase(34052L, "33.25 KB")] // 8,513 float32 params (spam_classifier_rnn)
    [TestCase(1152L, "1.12 KB")] // 1.125 exactly: Python rounds half to even
    [TestCase(1160L, "1.13 KB")] // 1.1328125
    [TestCase(1048575L, "1024.00 KB")] // 1023.999 rounds up but the unit was chosen before rounding
    [TestCase(1048576L, "1.00 MB")]
    [TestCase(4942740L, "4.71 MB")]
    [TestCase(1073741824L, "1.00 GB")]
    [TestCase(1099511627776L, "1.00 TB")]
    [TestCase(1125899906842624L, "1.00 PB")]
    [TestCase(1152921504606846976L, "1.00 PB")] // 1024 PB: Keras divides once more and still says PB
    public void Readable_memory_size_like_keras(long bytes, string expected)
        => Assert.That(SummaryFormatter.ReadableMemorySize(bytes), Is.EqualTo(expected));

    [Test]
    public void Shapes_in_keras_3()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SummaryFormatter.FormatShapesKeras3([[null, 3]]), Is.EqualTo("(None, 3)"));
            Assert.That(SummaryFormatter.FormatShapesKeras3([[8, 2, 3]]), Is.EqualTo("(8, 2, 3)"));
            // Keras 3 joins the dims itself: a 1-D shape has no trailing comma.
            Assert.That(SummaryFormatter.FormatShapesKeras3([[5]]), Is.EqualTo("(5)"));
            Assert.That(SummaryFormatter.FormatShapesKeras3([[]]), Is.EqualTo("()"));
            Assert.That(SummaryFormatter.FormatShapesKeras3([[null, 5, 3], [null, 3]]), Is.EqualTo("[(None, 5, 3), (None, 3)]"));
            Assert.That(SummaryFormatter.FormatShapesKeras3([]), Is.EqualTo("?"));
            Assert.That(SummaryFormatter.FormatShapesKeras3(null), Is.EqualTo("?"));
        });
    }

    [Test]
    public void Default_line_lengths()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SummaryFormatter.DefaultLineLength(true, SummaryStyle.Keras3), Is.EqualTo(88));
            Assert.That(SummaryFormatter.DefaultLineLength(false, SummaryStyle.Keras3), Is.EqualTo(108));
            Assert.That(SummaryFormatter.DefaultLineLength(true, SummaryStyle.Keras2), Is.EqualTo(65));
            Assert.That(SummaryFormatter.DefaultLineLength(false, SummaryStyle.Keras2), Is.EqualTo(98));
        });
    }

    [Test]
    public void Every_keras_3_line_has_the_line_length()
    {
        var data = SummaryData.ForFloat32(
            "functional",
            [
                new SummaryRow("input_layer", "InputLayer", [[null, 6, 3]], 0, []),
                new SummaryRow("simple_rnn", "SimpleRNN", [[null, 6, 4]], 32, ["input_layer[0][0]"]),
            ],
            sequentialLike: false, 32, 0);
        foreach (int length in new[] { 40, 60, 88, 108, 150 })
        {
            string[] lines = SummaryFormatter.Format(data, length).TrimEnd('\n').Split('\n');
            var tableLines = lines.Skip(1).Take(lines.Length - 4);
            Assert.That(tableLines.Select(l => l.Length), Is.All.EqualTo(length), $"line length {length}");
        }
    }

    [Test]
    public void Too_narrow_a_line_is_rejected_like_keras()
    {
        var data = SummaryData.ForFloat32("sequential", [new SummaryRow("gru", "GRU", [[null, 4]], 96)], true, 96, 0);
        Assert.Throws<ArgumentException>(() => SummaryFormatter.Format(data, 8));
    }

    [Test]
    public void Output_ends_with_a_single_newline()
    {
        var data = SummaryData.ForFloat32("sequential", [new SummaryRow("gru", "GRU", [[null, 4]], 96)], true, 96, 0);
        foreach (SummaryStyle style in Enum.GetValues<SummaryStyle>())
        {
            string text = SummaryFormatter.Format(data, style: style);
            Assert.That(text, Does.EndWith("\n").And.Not.EndWith("\n\n"), style.ToString());
        }
    }
}
