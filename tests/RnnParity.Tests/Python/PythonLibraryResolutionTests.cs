using RnnParity.Python;

namespace RnnParity.Tests.Python;

/// <summary>libpython resolution from sysconfig answers, without running any python.</summary>
public sealed class PythonLibraryResolutionTests
{
    static PythonProbe.Answer Answer(string? libdir, string? multiarch, string? instsoname, string? ldlibrary) =>
        new("/usr/bin/python3", "3.11.2", "/usr", libdir, multiarch, instsoname, ldlibrary,
            new Dictionary<string, (bool, string?, string?)>());

    [Test]
    public void Debian_PrefersTheMultiarchDirectory()
    {
        var a = Answer("/usr/lib/x86_64-linux-gnu", "x86_64-linux-gnu", "libpython3.11.so.1.0", "libpython3.11.so");
        // Debian's LIBDIR already is the multiarch dir, so LIBDIR/MULTIARCH/... does not exist; LIBDIR/INSTSONAME does.
        var existing = new HashSet<string> { "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0" };
        string? lib = PythonProbe.ResolveLibrary(a, existing.Contains, out var tried);
        Assert.That(lib, Is.EqualTo("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"));
        Assert.That(tried[0], Is.EqualTo("/usr/lib/x86_64-linux-gnu/x86_64-linux-gnu/libpython3.11.so.1.0"));
    }

    [Test]
    public void MultiarchLayout_IsTriedFirst()
    {
        var a = Answer("/usr/lib", "x86_64-linux-gnu", "libpython3.11.so.1.0", "libpython3.11.so");
        var existing = new HashSet<string> { "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", "/usr/lib/libpython3.11.so" };
        Assert.That(PythonProbe.ResolveLibrary(a, existing.Contains, out _), Is.EqualTo("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"));
    }

    [Test]
    public void StaticBuild_HasNoLoadableLibrary()
    {
        var a = Answer("/opt/py/lib", null, "libpython3.11.a", "libpython3.11.a");
        Assert.That(PythonProbe.ResolveLibrary(a, _ => true, out var tried), Is.Null);
        Assert.That(tried, Is.EqualTo(new[] { "/opt/py/lib/libpython3.11.a" }));
    }

    [Test]
    public void ProbeAnswer_Parses()
    {
        const string json = """
            {"executable": "/usr/bin/python3", "version": "3.11.2", "base_prefix": "/usr",
             "libdir": "/usr/lib/x86_64-linux-gnu", "multiarch": "x86_64-linux-gnu",
             "instsoname": "libpython3.11.so.1.0", "ldlibrary": "libpython3.11.so",
             "modules": {"numpy": {"ok": true, "version": "1.24.2"},
                         "keras": {"ok": false, "error": "ModuleNotFoundError: No module named 'keras'"}}}
            """;
        var a = PythonProbe.Parse(json);
        Assert.That(a.Version, Is.EqualTo("3.11.2"));
        Assert.That(a.Modules["numpy"], Is.EqualTo((true, (string?)"1.24.2", (string?)null)));
        Assert.That(a.Modules["keras"].Ok, Is.False);
    }
}
