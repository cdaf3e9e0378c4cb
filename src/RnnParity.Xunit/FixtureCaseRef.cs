using RnnParity.Fixtures.Verification;
using Xunit.Sdk;

namespace RnnParity.Xunit;

/// <summary>
/// One fixture case as a theory argument. xUnit v3 serializes the arguments at discovery, so each case is a
/// test of its own in <c>dotnet test</c> and the IDE, shown by its name:
/// <c>Matches_keras(fixtureCase: keras/lstm_sequences)</c>.
/// </summary>
public sealed class FixtureCaseRef : IXunitSerializable
{
    FixtureCaseEntry _entry;

    /// <summary>For xUnit's deserialization only.</summary>
    [Obsolete("For xUnit's deserialization; use FixtureCases.In.")]
    public FixtureCaseRef() => _entry = new FixtureCaseEntry("", "");

    public FixtureCaseRef(FixtureCaseEntry entry) => _entry = entry ?? throw new ArgumentNullException(nameof(entry));

    /// <summary>The case's path relative to the folder given to <see cref="FixtureCases.In"/>, with '/'.</summary>
    public string Name => _entry.Name;

    /// <summary>Full path of the case directory (or of the searched folder when <see cref="Problem"/> is set).</summary>
    public string Directory => _entry.Directory;

    /// <summary>Why there is nothing to verify (no such folder, no case, an interrupted regeneration); null for a case.</summary>
    public string? Problem => _entry.Problem;

    internal FixtureCaseEntry Entry => _entry;

    /// <summary>Verifies this case; see <see cref="FixtureCases.Verify(FixtureCaseRef)"/>.</summary>
    public void Verify() => FixtureCases.Verify(this);

    void IXunitSerializable.Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Name), Name);
        info.AddValue(nameof(Directory), Directory);
        info.AddValue(nameof(Problem), Problem);
    }

    void IXunitSerializable.Deserialize(IXunitSerializationInfo info) =>
        _entry = new FixtureCaseEntry(info.GetValue<string>(nameof(Name)) ?? "", info.GetValue<string>(nameof(Directory)) ?? "", info.GetValue<string>(nameof(Problem)));

    public override string ToString() => Name;
}
