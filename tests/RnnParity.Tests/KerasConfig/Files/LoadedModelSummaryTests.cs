using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.KerasConfig.Files;

/// <summary>A loaded model's summary is Keras's table, plus a note only where the model keeps Keras 2 semantics.</summary>
[TestFixture]
public sealed class LoadedModelSummaryTests
{
    static string Case(string root, string name)
    {
        string dir = Path.Combine(root, name);
        if (!Directory.Exists(dir)) Assert.Inconclusive($"the shared model files are absent: {dir}");
        return dir;
    }

    [Test]
    public void A_keras2_model_summary_is_keras_table_then_the_hard_sigmoid_note()
    {
        string dir = Case(RepoPaths.WildModels, "keras224_seq2seq_encoder_states");
        var fixture = CaseReader.Load(dir);
        Keras.ClearSession();
        var loaded = KerasModel.Load(Path.Combine(dir, "model.h5"));
        string table = File.ReadAllText(Path.Combine(dir, "summary.txt")).Replace("\r\n", "\n").TrimEnd('\n');
        string summary = loaded.Summary(fixture.Expected.SummaryLineLength);
        Assert.That(summary, Does.StartWith(table + "\n"));
        string[] notes = summary[(table.Length + 1)..].TrimEnd('\n').Split('\n');
        Assert.That(notes, Has.Length.EqualTo(1));
        Assert.That(notes[0], Does.StartWith("Note: written by Keras 2.2.4").And.Contain("lstm_1.recurrent_activation").And.Contain("clip(0.2x + 0.5, 0, 1)"));
        Assert.That(loaded.KerasVersion, Is.EqualTo("2.2.4"));
        Assert.That(loaded.Backend, Is.EqualTo("tensorflow"));
    }

    [Test]
    public void A_keras3_model_summary_is_exactly_keras_table()
    {
        string dir = Case(RepoPaths.KerasModels, "model_seed_simple_rnn");
        var fixture = CaseReader.Load(dir);
        Keras.ClearSession();
        var loaded = KerasModel.Load(Path.Combine(dir, "model.keras"));
        Assert.That(loaded.Notes, Is.Empty);
        Assert.That(loaded.Keras2Semantics, Is.Empty);
        Assert.That(loaded.Summary(fixture.Expected.SummaryLineLength).Replace("\r\n", "\n").TrimEnd('\n'),
            Is.EqualTo(File.ReadAllText(Path.Combine(dir, "summary.txt")).Replace("\r\n", "\n").TrimEnd('\n')));
    }
}
