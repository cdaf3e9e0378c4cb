using RnnParity.Python;

namespace RnnParity.Tests.Python;

/// <summary>
/// <see cref="PythonScripts.Locate"/>'s choice between a checkout's <c>python/</c> and the bundled copy, by the
/// protocol the scripts declare (<c>python/scripts_protocol.py</c>). Reads files only: no interpreter needed.
/// </summary>
[TestFixture]
public sealed class PythonScriptsTests
{
    [Test]
    public void The_repository_scripts_speak_this_assemblys_protocol()
    {
        Assert.That(PythonScripts.ProtocolOf(Path.Combine(RepoPaths.Root, "python")), Is.EqualTo(PythonScripts.Protocol),
            $"bump PROTOCOL in python/{PythonScripts.ProtocolFile} and PythonScripts.Protocol together");
        Assert.That(PythonScripts.ProtocolOf(Path.Combine(AppContext.BaseDirectory, "python")), Is.EqualTo(PythonScripts.Protocol),
            "the bundled copy next to the assembly");
    }

    static string Checkout(string root, string? protocolFile)
    {
        File.WriteAllText(Path.Combine(root, "RnnParity.sln"), "");
        string python = Directory.CreateDirectory(Path.Combine(root, "python")).FullName;
        File.WriteAllText(Path.Combine(python, PythonScripts.CheckoutMarker), "");
        if (protocolFile is not null) File.WriteAllText(Path.Combine(python, PythonScripts.ProtocolFile), protocolFile);
        return python;
    }

    [TestCase("PROTOCOL = {0}\n", true)]
    [TestCase("\"\"\"doc\"\"\"\n\nPROTOCOL = {0}  # comment\n", true)]
    [TestCase("PROTOCOL = {1}\n", false)]
    [TestCase("VERSION = {0}\n", false)]
    [TestCase(null, false)]
    public void A_checkout_is_used_only_when_its_protocol_matches(string? template, bool used)
    {
        string root = Directory.CreateTempSubdirectory("rnnparity-protocol-").FullName;
        try
        {
            string? text = template is null ? null : string.Format(template, PythonScripts.Protocol, PythonScripts.Protocol + 1);
            string python = Checkout(root, text);
            if (Environment.GetEnvironmentVariable(PythonScripts.DirectoryVariable) is { Length: > 0 })
                Assert.Ignore($"{PythonScripts.DirectoryVariable} is set in this process: it overrides the checkout.");

            PythonScriptsLocation location = PythonScripts.Locate(root);

            if (used)
            {
                Assert.That(location.Source, Is.EqualTo(PythonScriptsSource.Checkout));
                Assert.That(location.Directory, Is.EqualTo(python));
            }
            else
            {
                Assert.That(location.Source, Is.EqualTo(PythonScriptsSource.Bundled));
                Assert.That(location.Passed, Does.Contain(python).And.Contain($"speaks protocol {PythonScripts.Protocol}"));
                Assert.That(location.Describe(), Does.Contain("is not used"));
            }
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
