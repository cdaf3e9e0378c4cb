using System.Text.Json;

namespace RnnParity.Fixtures.Format;

/// <summary>A case directory's <c>case.json</c> (format <c>rnnparity-fixture/1</c>), validated.</summary>
/// <param name="Directory">Full path of the case directory.</param>
/// <param name="Provenance">The <c>provenance</c> object as written (a detached clone).</param>
/// <param name="ModelFile">File name of the model JSON (the <c>model</c> field).</param>
public sealed record FixtureCase(
    string Directory,
    string Name,
    string Description,
    string Reference,
    long Seed,
    string DType,
    JsonElement Provenance,
    string ModelFile,
    IReadOnlyList<FixtureWeight> Weights,
    IReadOnlyList<FixtureRun> Runs,
    FixtureExpected Expected,
    FixtureTolerance Tolerance)
{
    public const string FormatId = "rnnparity-fixture/1";

    /// <summary>Full path of a file of this case.</summary>
    public string PathOf(string file) => System.IO.Path.Combine(Directory, file);
}

/// <summary>One entry of <c>weights</c>, in <c>model.get_weights()</c> order.</summary>
public sealed record FixtureWeight(string Path, string Layer, string Name, string File)
{
    /// <summary>JSON path of the <c>file</c> field, e.g. <c>weights[2].file</c>.</summary>
    public string? JsonPath { get; init; }
}

/// <summary>One call of the model; stateful layers keep their state between runs.</summary>
public sealed record FixtureRun(bool ResetStates, IReadOnlyList<FixtureTensorRef> Inputs, IReadOnlyList<FixtureTensorRef> Outputs);

/// <summary>An input or output of a run: a name and the .npy file holding it.</summary>
public sealed record FixtureTensorRef(string Name, string File)
{
    /// <summary>JSON path of the <c>file</c> field, e.g. <c>runs[1].inputs[0].file</c>.</summary>
    public string? JsonPath { get; init; }
}

/// <summary>The <c>expected</c> object. Shapes hold null for an unknown (batch or time) dimension.</summary>
public sealed record FixtureExpected(
    IReadOnlyList<int?[]> OutputShapes,
    IReadOnlyList<FixtureLayer> Layers,
    long TotalParams,
    long TrainableParams,
    long NonTrainableParams,
    string? Summary,
    int? SummaryLineLength);

/// <summary>One entry of <c>expected.layers</c>, in <c>model.layers</c> order.</summary>
public sealed record FixtureLayer(string Name, string ClassName, IReadOnlyList<int?[]> OutputShapes, long Params);

/// <summary>Element tolerance: <c>|actual - expected| &lt;= Atol + Rtol * |expected|</c>.</summary>
public sealed record FixtureTolerance(double Atol, double Rtol);
