using RnnParity.Diagnosis;

namespace RnnParity.Tests.Diagnosis;

/// <summary>The short diagnosis a failing fixture test prints: worst element, first bad timestep, likely cause.</summary>
public static class DiffSummary
{
    public static string Of(string caseDirectory)
    {
        try { return string.Join(Environment.NewLine, DiffText.Lines(CaseDiff.Run(caseDirectory))); }
        catch (Exception e) { return $"(no diagnosis: {e.Message})"; }
    }
}
