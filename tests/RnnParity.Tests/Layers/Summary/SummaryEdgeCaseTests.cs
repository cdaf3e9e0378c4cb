using RnnParity.Layers.Summary;

namespace RnnParity.Tests.Layers.Summary;

/// <summary>
/// Keras 3 edge cases: long names (rich wraps at word boundaries and cuts an over-long word with "…"),
/// several output shapes, a 1-D shape, an unbuilt layer ("?"), several "Connected to" entries, non-default line
/// lengths, large parameter counts. The expected texts were produced by running the Keras 3.15.1
/// <c>print_summary</c> table code with the real rich 13.3.1 (the same harness reproduces all 18 reference
/// summaries byte for byte); they are pasted here verbatim.
/// </summary>
[TestFixture]
public sealed class SummaryEdgeCaseTests
{

    [Test]
    public void LongNamesSequential()
    {
        var rows = new List<SummaryRow>
        {
            new("a_really_long_layer_name_for_wrapping_test", "SimpleRNN", [[null, 5]], 1234567, null),
            new("bidirectional_with_a_long_name", "Bidirectional", [[null, 12345, 67890, 3]], 0, null),
            new("x", "Dense", [[5]], 6, null),
            new("lstm", "LSTM", [[null, 5, 3], [null, 3], [null, 3]], 112, null),
            new("unbuilt", "Dense", [], 0, null),
        };
        var data = SummaryData.ForFloat32("a_model_with_a_rather_long_name", rows, sequentialLike: true, trainableParams: 1234685, nonTrainableParams: 1000);
        const string expected = """
        Model: "a_model_with_a_rather_long_name"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
        │ a_really_long_layer_name_for_wrappi… │ (None, 5)                   │       1,234,567 │
        │ (SimpleRNN)                          │                             │                 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ bidirectional_with_a_long_name       │ (None, 12345, 67890, 3)     │               0 │
        │ (Bidirectional)                      │                             │                 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ x (Dense)                            │ (5)                         │               6 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ lstm (LSTM)                          │ [(None, 5, 3), (None, 3),   │             112 │
        │                                      │ (None, 3)]                  │                 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ unbuilt (Dense)                      │ ?                           │               0 │
        └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
         Total params: 1,235,685 (4.71 MB)
         Trainable params: 1,234,685 (4.71 MB)
         Non-trainable params: 1,000 (3.91 KB)
        """;
        Assert.That(SummaryFormatter.Format(data, null), Is.EqualTo(expected.Replace("\r\n", "\n") + "\n"));
    }

    [Test]
    public void FunctionalManyInputs()
    {
        var rows = new List<SummaryRow>
        {
            new("input_layer", "InputLayer", [[null, 6, 3]], 0, []),
            new("input_layer_1", "InputLayer", [[null, 4]], 0, []),
            new("input_layer_2", "InputLayer", [[null, 4]], 0, []),
            new("lstm", "LSTM", [[null, 6, 4], [null, 4], [null, 4]], 128, ["input_layer[0][0]", "input_layer_1[0][0]", "input_layer_2[0][0]"]),
            new("a_very_very_long_dense_layer_name_that_overflows", "Dense", [[null, 6, 2]], 10, ["lstm[0][0]"]),
        };
        var data = SummaryData.ForFloat32("functional_1", rows, sequentialLike: false, trainableParams: 138, nonTrainableParams: 262144);
        const string expected = """
        Model: "functional_1"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
        │ input_layer (InputLayer)      │ (None, 6, 3)              │               0 │ -                          │
        ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
        │ input_layer_1 (InputLayer)    │ (None, 4)                 │               0 │ -                          │
        ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
        │ input_layer_2 (InputLayer)    │ (None, 4)                 │               0 │ -                          │
        ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
        │ lstm (LSTM)                   │ [(None, 6, 4), (None, 4), │             128 │ input_layer[0][0],         │
        │                               │ (None, 4)]                │                 │ input_layer_1[0][0],       │
        │                               │                           │                 │ input_layer_2[0][0]        │
        ├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
        │ a_very_very_long_dense_layer… │ (None, 6, 2)              │              10 │ lstm[0][0]                 │
        │ (Dense)                       │                           │                 │                            │
        └───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
         Total params: 262,282 (1.00 MB)
         Trainable params: 138 (552.00 B)
         Non-trainable params: 262,144 (1.00 MB)
        """;
        Assert.That(SummaryFormatter.Format(data, null), Is.EqualTo(expected.Replace("\r\n", "\n") + "\n"));
    }

    [Test]
    public void Narrow60()
    {
        var rows = new List<SummaryRow>
        {
            new("embedding", "Embedding", [[null, 20, 32]], 6400, null),
            new("simple_rnn", "SimpleRNN", [[null, 32]], 2080, null),
        };
        var data = SummaryData.ForFloat32("sequential", rows, sequentialLike: true, trainableParams: 8480, nonTrainableParams: 0);
        const string expected = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓
        ┃ Layer (type)             ┃ Output Shape      ┃   Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩
        │ embedding (Embedding)    │ (None, 20, 32)    │     6,400 │
        ├──────────────────────────┼───────────────────┼───────────┤
        │ simple_rnn (SimpleRNN)   │ (None, 32)        │     2,080 │
        └──────────────────────────┴───────────────────┴───────────┘
         Total params: 8,480 (33.12 KB)
         Trainable params: 8,480 (33.12 KB)
         Non-trainable params: 0 (0.00 B)
        """;
        Assert.That(SummaryFormatter.Format(data, 60), Is.EqualTo(expected.Replace("\r\n", "\n") + "\n"));
    }

    [Test]
    public void Wide130Functional()
    {
        var rows = new List<SummaryRow>
        {
            new("input_layer", "InputLayer", [[null, 6, 3]], 0, []),
            new("gru", "GRU", [[null, 4]], 108, ["input_layer[0][0]"]),
        };
        var data = SummaryData.ForFloat32("functional", rows, sequentialLike: false, trainableParams: 108, nonTrainableParams: 0);
        const string expected = """
        Model: "functional"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                         ┃ Output Shape                   ┃              Param # ┃ Connected to                    ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
        │ input_layer (InputLayer)             │ (None, 6, 3)                   │                    0 │ -                               │
        ├──────────────────────────────────────┼────────────────────────────────┼──────────────────────┼─────────────────────────────────┤
        │ gru (GRU)                            │ (None, 4)                      │                  108 │ input_layer[0][0]               │
        └──────────────────────────────────────┴────────────────────────────────┴──────────────────────┴─────────────────────────────────┘
         Total params: 108 (432.00 B)
         Trainable params: 108 (432.00 B)
         Non-trainable params: 0 (0.00 B)
        """;
        Assert.That(SummaryFormatter.Format(data, 130), Is.EqualTo(expected.Replace("\r\n", "\n") + "\n"));
    }
}
