using System.IO.Compression;
using System.Xml.Linq;

namespace RnnParity.Tests.Packaging;

/// <summary>
/// What each packed library carries (issue 12): the MIT expression and the LICENSE file, the README as
/// package readme, XML docs beside the assembly, a symbols package; and the meta package <c>RnnParity</c>
/// depending on what loading, predicting and verifying need, at the same version.
/// </summary>
[TestFixture]
public sealed class PackageMetadataTests
{
    static readonly string[] Libraries = LocalFeed.Projects.Where(p => p != "RnnParity").ToArray();

    static (XElement Metadata, XNamespace Ns, IReadOnlyList<string> Entries) Open(string id)
    {
        var feed = LocalFeed.Shared;
        using var zip = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        using var nuspec = zip.GetEntry($"{id}.nuspec")!.Open();
        var doc = XDocument.Load(nuspec);
        XNamespace ns = doc.Root!.Name.Namespace;
        return (doc.Root.Element(ns + "metadata")!, ns, entries);
    }

    [TestCaseSource(nameof(Libraries))]
    public void A_library_package_has_license_readme_docs_and_symbols(string id)
    {
        var (metadata, ns, entries) = Open(id);
        Assert.That(metadata.Element(ns + "id")!.Value, Is.EqualTo(id), "PackageId is the assembly name");
        var license = metadata.Element(ns + "license")!;
        Assert.That((string?)license.Attribute("type"), Is.EqualTo("expression"));
        Assert.That(license.Value, Is.EqualTo("MIT"));
        Assert.That(metadata.Element(ns + "readme")?.Value, Is.EqualTo("README.md"));
        Assert.That(metadata.Element(ns + "description")?.Value, Is.Not.Empty);
        Assert.That(entries, Does.Contain("README.md").And.Contain("LICENSE"));
        Assert.That(entries, Does.Contain($"lib/net10.0/{id}.dll").And.Contain($"lib/net10.0/{id}.xml"));
        var feed = LocalFeed.Shared;
        Assert.That(File.Exists(Path.Combine(feed.Feed, $"{id}.{feed.Version}.snupkg")), Is.True, $"no {id}.{feed.Version}.snupkg");
    }

    [Test]
    public void The_RnnParity_package_brings_core_layers_kerasconfig_and_fixtures_at_its_own_version()
    {
        var (metadata, ns, entries) = Open("RnnParity");
        var dependencies = metadata.Descendants(ns + "dependency").ToList();
        Assert.That(dependencies.Select(d => (string)d.Attribute("id")!),
            Is.EquivalentTo(new[] { "RnnParity.Core", "RnnParity.Layers", "RnnParity.KerasConfig", "RnnParity.Fixtures" }));
        Assert.That(dependencies.Select(d => (string)d.Attribute("version")!), Is.All.EqualTo(LocalFeed.Shared.Version));
        Assert.That(entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)), Is.Empty, "a meta package has no code");
        Assert.That(entries, Does.Contain("README.md").And.Contain("LICENSE"));
    }
}
