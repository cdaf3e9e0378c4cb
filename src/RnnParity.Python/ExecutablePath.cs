using System.Runtime.InteropServices;

namespace RnnParity.Python;

/// <summary>Finds commands on PATH and canonicalises paths, so that <c>python3</c>, <c>/bin/python3</c>
/// and <c>/usr/bin/python3</c> are recognised as the same interpreter and probed once.</summary>
internal static class ExecutablePath
{
    /// <summary>A path (contains a directory separator) is taken as is when the file exists; a bare
    /// name is looked up on PATH like a shell would. Null when nothing is found.</summary>
    internal static string? Resolve(string command, Func<string, string?> environment)
    {
        if (command.Contains('/') || command.Contains(Path.DirectorySeparatorChar))
            return File.Exists(command) ? Path.GetFullPath(command) : null;

        string[] suffixes = OperatingSystem.IsWindows() ? [".exe", ""] : [""];
        foreach (string dir in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (string suffix in suffixes)
            {
                string candidate = Path.Combine(dir, command + suffix);
                if (File.Exists(candidate) && IsExecutable(candidate)) return Path.GetFullPath(candidate);
            }
        return null;
    }

    static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() ||
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>The canonical path with every symlink (file and directories) resolved, like realpath(3).</summary>
    internal static string RealPath(string path)
    {
        if (OperatingSystem.IsWindows()) return Path.GetFullPath(path);
        IntPtr resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return Path.GetFullPath(path);
        try { return Marshal.PtrToStringUTF8(resolved) ?? path; }
        finally { free(resolved); }
    }

    [DllImport("libc", SetLastError = true)]
    static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    static extern void free(IntPtr ptr);
}
