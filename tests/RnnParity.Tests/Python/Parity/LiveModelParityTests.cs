using RnnParity.Python.Parity;
using RnnParity.Tests.Python;

namespace RnnParity.Tests.Python.Parity;

/// <summary>Layered models through C# and the NumPy model interpreter in one process, compared in memory.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class LiveModelParityTests
{
    // The names live_parity.model_names() gives; listed here because test discovery runs before Python starts.
    static readonly string[] s_models =
    [
        "ner_embedding_bilstm_time_distributed", "masked_gru_dropout_lstm_dense", "stateful_bidirectional_gru_dense",
        "simple_rnn_mul_sequences_dense", "encoder_decoder_initial_state",
        "numpy_functional_masked_multi_head_attention", "numpy_functional_causal_attention",
        "numpy_functional_transformer_residual",
    ];

    public static IEnumerable<TestCaseData> Cases() => s_models.Select(n => new TestCaseData(n).SetName($"LiveModel({n})"));

    [TestCaseSource(nameof(Cases))]
    public void CSharp_matches_numpy(string name)
    {
        PythonEnvironment.RequireNumpy();

        LiveModelResult r = LiveModelParity.Run(name);

        Assert.That(r.Error, Is.Null);
        Assert.That(r.Passed, Is.True, r.Describe());
    }

    [Test]
    public void The_list_here_is_the_python_list()
    {
        PythonEnvironment.RequireNumpy();

        Assert.That(LiveModelParity.Names(), Is.EqualTo(s_models));
    }

    /// <summary>A parity check that cannot fail proves nothing: C# given another merge mode must be caught.</summary>
    [Test]
    public void A_wrong_merge_mode_is_caught()
    {
        PythonEnvironment.RequireNumpy();

        LiveModelResult r = LiveModelParity.Run("simple_rnn_mul_sequences_dense", json => json.Replace("\"merge_mode\": \"mul\"", "\"merge_mode\": \"sum\""));

        Assert.That(r.Error, Is.Null);
        Assert.That(r.Passed, Is.False);
    }

    [Test]
    public void Multi_head_attention_without_the_embedding_masks_is_caught()
    {
        PythonEnvironment.RequireNumpy();

        LiveModelResult r = LiveModelParity.Run("numpy_functional_masked_multi_head_attention", json => json.Replace("\"mask_zero\": true", "\"mask_zero\": false"));

        Assert.That(r.Error, Is.Null);
        Assert.That(r.Passed, Is.False);
    }

    [Test]
    public void Ignoring_the_embedding_mask_is_caught()
    {
        PythonEnvironment.RequireNumpy();

        LiveModelResult r = LiveModelParity.Run("ner_embedding_bilstm_time_distributed", json => json.Replace("\"mask_zero\": true", "\"mask_zero\": false"));

        Assert.That(r.Passed, Is.False);
    }

    [Test]
    public void Forgetting_the_state_between_runs_is_caught()
    {
        PythonEnvironment.RequireNumpy();

        LiveModelResult r = LiveModelParity.Run("stateful_bidirectional_gru_dense", json => json.Replace("\"stateful\": true", "\"stateful\": false"));

        Assert.That(r.Passed, Is.False);
    }
}
