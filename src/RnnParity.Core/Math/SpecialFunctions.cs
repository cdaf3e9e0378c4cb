namespace RnnParity.Core.Math;

/// <summary>Special functions .NET does not provide, in double precision.</summary>
public static class SpecialFunctions
{
    const double TwoOverSqrtPi = 1.1283791670955125738961589031215;

    /// <summary>
    /// The error function <c>erf(x) = 2/√π ∫₀ˣ e^(−t²) dt</c>, to about 1e-15 relative.
    /// Computed from the all-positive series <c>erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))</c>
    /// (Abramowitz &amp; Stegun 7.1.6), which has no cancellation; beyond |x| = 6, erf is ±1 to double precision
    /// (erfc(6) ≈ 2e-17). NaN gives NaN.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double a = System.Math.Abs(x);
        if (a > 6.0) return System.Math.Sign(x);
        double x2 = a * a;
        double term = a, sum = a;
        // Terms grow while 2x²/(2n+3) > 1, then shrink geometrically; 200 terms cover x up to 6.
        for (int n = 0; n < 200; n++)
        {
            term *= 2.0 * x2 / (2 * n + 3);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        double r = TwoOverSqrtPi * System.Math.Exp(-x2) * sum;
        return x < 0 ? -r : r;
    }
}
