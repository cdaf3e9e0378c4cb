using System.CommandLine;
using RnnParity.Cli;
using RnnParity.Cli.Commands;
using RnnParity.Cli.Usage;

return RnnParityCli.Run(args);

namespace RnnParity.Cli
{
    /// <summary>The <c>rnnparity</c> command line: verify, live, generate, regen, capture, check, diff, predict.</summary>
    public static class RnnParityCli
    {
        public static RootCommand Build() => new("RnnParity: Keras recurrent layers in C#, checked against Keras and NumPy.")
        {
            VerifyCommand.Create(),
            LiveCommand.Create(),
            GenerateCommand.Create(),
            RegenCommand.Create(),
            CaptureCommand.Create(),
            CheckCommand.Create(),
            DiffCommand.Create(),
            PredictCommand.Create(),
        };

        public static int Run(string[] args)
        {
            ParseResult parse = Build().Parse(args);
            UsageProblems problems = UsageErrors.Find(parse);
            if (problems.Lines.Count > 0)
            {
                // System.CommandLine exits 1 on parse errors; 1 means "a case failed" here, so usage errors get 2.
                foreach (string line in problems.Lines) Console.Error.WriteLine(line);
                if (problems.HelpHint is not null) Console.Error.WriteLine(problems.HelpHint);
                return ExitCodes.Usage;
            }
            return parse.Invoke();
        }
    }
}
