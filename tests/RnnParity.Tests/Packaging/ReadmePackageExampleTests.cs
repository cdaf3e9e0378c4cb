using System.Text.RegularExpressions;

namespace RnnParity.Tests.Packaging;

/// <summary>
/// README's C# example as a user meets it: a fresh console project that references the package
/// <c>RnnParity</c> from the locally packed feed alone, README's block as its <c>Program.cs</c> unchanged,
/// run from a folder holding a copy of the fixture case it names; it must print README's output block.
/// </summary>
[TestFixture]
public sealed partial class ReadmePackageExampleTests
{
    const string ConsoleProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="RnnParity" Version="VERSION" />
          </ItemGroup>
        </Project>
        """;

    [GeneratedRegex(@"<!-- readme-example:begin -->\s*```csharp\n(?<code>.*?)```\s*<!-- readme-example:end -->", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    [GeneratedRegex(@"<!-- readme-example-output:begin -->\s*```text\n(?<text>.*?)```\s*<!-- readme-example-output:end -->", RegexOptions.Singleline)]
    private static partial Regex OutputBlock();

    /// <summary>The marked blocks of README.md: the program and what README says it prints.</summary>
    public static (string Code, string Output) ReadmeBlocks()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        Match code = ExampleBlock().Match(readme), output = OutputBlock().Match(readme);
        Assert.That(code.Success, Is.True, "README.md has no ```csharp block between <!-- readme-example:begin --> and <!-- readme-example:end -->");
        Assert.That(output.Success, Is.True, "README.md has no ```text block between <!-- readme-example-output:begin --> and <!-- readme-example-output:end -->");
        return (code.Groups["code"].Value, output.Groups["text"].Value);
    }

    [Test]
    public void The_readme_example_builds_against_the_packed_RnnParity_package_and_prints_what_readme_says()
    {
        var (code, expected) = ReadmeBlocks();
        var feed = LocalFeed.Shared;
        string project = feed.NewProject("ReadmeExample", ConsoleProject);
        File.WriteAllText(Path.Combine(project, "Program.cs"), code);
        DotnetRun.Run("dotnet", ["build", "-c", "Release", "-o", Path.Combine(project, "out")], project, feed.Environment);

        // The RnnParity assemblies came from the feed's packages, restored into the test's own package folder.
        string restored = Path.Combine(feed.Environment["NUGET_PACKAGES"]!, "rnnparity.layers", feed.Version);
        Assert.That(Directory.Exists(restored), Is.True, $"RnnParity.Layers {feed.Version} was not restored from the feed into {restored}");

        string runDir = Directory.CreateDirectory(Path.Combine(project, "run")).FullName;
        TestFiles.CopyTree(RepoPaths.KerasCase("lstm_sequences"), Path.Combine(runDir, "fixtures", "keras", "lstm_sequences"));
        var (_, printed) = DotnetRun.Run("dotnet", [Path.Combine(project, "out", "ReadmeExample.dll")], runDir, feed.Environment);
        printed = printed.ReplaceLineEndings("\n");
        // The whole text, ready to paste into README when the change is intended.
        if (printed != expected) TestContext.Out.WriteLine($"The example printed:\n{printed}");
        Assert.That(printed, Is.EqualTo(expected), "README's output block differs from what the example prints");
    }
}
