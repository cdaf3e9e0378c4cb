namespace RnnParity.Diagnosis.Mistakes.Precision;

/// <summary>A floating-point format a port may compute in instead of float32.</summary>
public enum NumberFormat { Float64, Float16, BFloat16 }

/// <summary>Rounding of a double to a <see cref="NumberFormat"/>, the value kept as a double.</summary>
public static class FormatRounding
{
    public static string Name(NumberFormat format) => format switch
    {
        NumberFormat.Float64 => "float64",
        NumberFormat.Float16 => "float16",
        _ => "bfloat16",
    };

    /// <summary>float64: unchanged; float16: <see cref="Half"/>'s round to nearest even; bfloat16: the
    /// float32 value's bits rounded to nearest even on the top 16 (NaN kept).</summary>
    public static double Round(double x, NumberFormat format) => format switch
    {
        NumberFormat.Float64 => x,
        NumberFormat.Float16 => (double)(Half)x,
        _ => BFloat16((float)x),
    };

    static double BFloat16(float f)
    {
        if (float.IsNaN(f)) return f;
        uint bits = BitConverter.SingleToUInt32Bits(f);
        bits += 0x7FFFu + ((bits >> 16) & 1u);
        return BitConverter.UInt32BitsToSingle(bits & 0xFFFF0000u);
    }
}
