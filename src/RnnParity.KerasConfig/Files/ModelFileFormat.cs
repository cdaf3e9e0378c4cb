namespace RnnParity.KerasConfig.Files;

/// <summary>The kinds of Keras model file <see cref="KerasModel.Load"/> reads.</summary>
public enum ModelFileFormat
{
    /// <summary>Keras 3's <c>.keras</c> zip: <c>config.json</c>, <c>metadata.json</c>, <c>model.weights.h5</c>.</summary>
    KerasZip,

    /// <summary>The legacy HDF5 file (<c>model.save("m.h5")</c>): a <c>model_config</c> attribute and a <c>model_weights</c> group; written by Keras 3, tf.keras 2 and Keras 2.</summary>
    LegacyH5,

    /// <summary>Keras 3's weights-only HDF5 file (<c>model.save_weights("m.weights.h5")</c>), loaded into a model built elsewhere.</summary>
    WeightsH5,
}
