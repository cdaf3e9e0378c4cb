using System.Text;
using Spectre.Console;

namespace RnnParity.Cli.Progress;

/// <summary>
/// A TextWriter whose whole lines go to a Spectre console as plain text (no markup), so they appear
/// above a live progress bar instead of being drawn over by it.
/// </summary>
sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
{
    readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            console.WriteLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else _line.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        foreach (char c in value) Write(c);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _line.Length > 0)
        {
            console.WriteLine(_line.ToString());
            _line.Clear();
        }
        base.Dispose(disposing);
    }
}
