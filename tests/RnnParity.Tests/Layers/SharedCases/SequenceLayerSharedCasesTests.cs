using RnnParity.Fixtures.Verification;

namespace RnnParity.Tests.Layers.SharedCases;

/// <summary>
/// The shared Keras models built from Conv1D, pooling and merging layers verify end to end (outputs,
/// shapes, parameter counts, Keras's summary text): the fixtures are Keras's own results.
/// </summary>
[TestFixture]
public sealed class SequenceLayerSharedCasesTests
{
    [TestCase("keras-models", "model_cnn_lstm_forecaster")]          // Conv1D causal + MaxPooling1D
    [TestCase("keras-models", "model_text_bilstm_classifier")]       // masked BiLSTM into GlobalMaxPooling1D
    [TestCase("wild-models", "sunspot_conv1d_lstm_stack_tf2")]      // Conv1D causal, unknown steps
    [TestCase("wild-models", "diabetes_conv1d_lstm_two_inputs")]    // Conv1D same, MaxPooling1D, Concatenate of two inputs
    public void Shared_case_verifies(string folder, string name)
    {
        string path = Path.Combine(RepoPaths.Shared, folder, name);
        if (!Directory.Exists(path)) Assert.Inconclusive($"shared test data not found at {path} (set RNNPARITY_SHARED)");
        CaseResult result = CaseVerifier.Verify(path);
        Assert.That(result.Passed, Is.True, result.Error);
    }
}
