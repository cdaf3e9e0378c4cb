using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using RnnParity.Fixtures.Verification;

namespace RnnParity.Cli.Commands;

/// <summary>
/// The <c>--junit</c> report: <c>&lt;testsuites&gt;</c> with one <c>&lt;testsuite name=PATH&gt;</c> per
/// path given to verify, one <c>&lt;testcase classname=FOLDER name=CASE&gt;</c> per case (FOLDER: the
/// folder holding the case, relative to the working directory). A failing case carries
/// <c>&lt;failure message=FIRST-FAILURE&gt;</c> with every failure as text; a case that could not be
/// read carries <c>&lt;error&gt;</c> instead, so CI tells a broken fixture from a wrong answer.
/// </summary>
public static class JUnitReport
{
    /// <summary>One path given to verify and the results of the cases found under it, in order.</summary>
    public sealed record Suite(string Name, IReadOnlyList<(CaseResult Result, TimeSpan Time)> Cases);

    public static void Write(string path, IReadOnlyList<Suite> suites)
    {
        var root = new XElement("testsuites",
            new XAttribute("name", "rnnparity verify"),
            new XAttribute("tests", suites.Sum(s => s.Cases.Count)),
            new XAttribute("failures", suites.Sum(s => s.Cases.Count(c => !c.Result.Passed && !c.Result.Unreadable))),
            new XAttribute("errors", suites.Sum(s => s.Cases.Count(c => c.Result.Unreadable))),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(suites.SelectMany(s => s.Cases).Aggregate(TimeSpan.Zero, (t, c) => t + c.Time))));
        foreach (var suite in suites) root.Add(SuiteElement(suite));

        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
    }

    static XElement SuiteElement(Suite suite)
    {
        var element = new XElement("testsuite",
            new XAttribute("name", suite.Name),
            new XAttribute("tests", suite.Cases.Count),
            new XAttribute("failures", suite.Cases.Count(c => !c.Result.Passed && !c.Result.Unreadable)),
            new XAttribute("errors", suite.Cases.Count(c => c.Result.Unreadable)),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(suite.Cases.Aggregate(TimeSpan.Zero, (t, c) => t + c.Time))));
        foreach (var (r, time) in suite.Cases)
        {
            var testcase = new XElement("testcase",
                new XAttribute("classname", Folder(r.Path)),
                new XAttribute("name", r.Name),
                new XAttribute("time", Seconds(time)));
            if (!r.Passed)
                testcase.Add(new XElement(r.Unreadable ? "error" : "failure",
                    new XAttribute("message", Clean(r.Failures.FirstOrDefault() ?? "failed")),
                    Clean(string.Join("\n", r.Failures))));
            element.Add(testcase);
        }
        return element;
    }

    static string Folder(string casePath)
    {
        string parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(casePath))) ?? casePath;
        return Path.GetRelativePath(Directory.GetCurrentDirectory(), parent).Replace(Path.DirectorySeparatorChar, '/');
    }

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    // XML 1.0 cannot carry most control characters, and a failure message may quote a hostile file.
    static string Clean(string text) => new(text.Select(c => XmlConvert.IsXmlChar(c) || c is '\n' or '\t' ? c : '?').ToArray());
}
