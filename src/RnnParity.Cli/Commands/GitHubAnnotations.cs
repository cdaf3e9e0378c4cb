namespace RnnParity.Cli.Commands;

/// <summary>
/// GitHub Actions workflow commands: under Actions (<c>GITHUB_ACTIONS=true</c>) a failing case is also
/// printed as <c>::error file=...,title=...::message</c> on stdout, which Actions shows on the run and beside the file.
/// </summary>
public static class GitHubAnnotations
{
    /// <summary>Whether this process runs as a GitHub Actions step.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";

    /// <summary>
    /// One <c>::error</c> line for <paramref name="file"/> (relative to the working directory when it is
    /// below it, as Actions expects paths relative to the checkout), with the message's lines kept as escaped line breaks.
    /// </summary>
    public static string Error(string file, string title, string message) =>
        $"::error file={EscapeProperty(RelativeToWorkingDirectory(file))},title={EscapeProperty(title)}::{EscapeData(message)}";

    /// <summary>A message: <c>%</c>, CR and LF as <c>%25</c>, <c>%0D</c>, <c>%0A</c> (actions/toolkit's <c>escapeData</c>).</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>A property value: as <see cref="EscapeData"/>, and <c>:</c>, <c>,</c> as <c>%3A</c>, <c>%2C</c> (<c>escapeProperty</c>).</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");

    static string RelativeToWorkingDirectory(string file)
    {
        string full = Path.GetFullPath(file);
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
