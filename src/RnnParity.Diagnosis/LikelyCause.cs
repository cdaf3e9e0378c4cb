namespace RnnParity.Diagnosis;

/// <summary>
/// The verdict of the differential diagnosis: the porting mistake whose replay reproduces the other
/// side's numbers, which side made it, in what form, and how well it fits.
/// </summary>
/// <param name="Name"><c>none</c> (the case passes), <c>unexplained</c> (no replay reproduces it), or a mistake's name.</param>
/// <param name="Side"><c>expected</c> or <c>actual</c>: whose numbers the mistaken computation reproduces; null for none/unexplained.</param>
/// <param name="Fit">Largest |replay − side| / (atol + rtol·|side|) over every element: ≤ 1 means reproduced within tolerance; null for none/unexplained.</param>
public sealed record LikelyCause(string Name, string? Side, string? Detail, double? Fit)
{
    public static LikelyCause None { get; } = new("none", null, null, null);

    public static LikelyCause Unexplained(string detail) => new("unexplained", null, detail, null);
}
