namespace RnnParity.Core.Activations;

/// <summary>
/// Keras's activations with their arguments (<c>keras.activations.relu(x, negative_slope, max_value, threshold)</c>
/// and the like), which the activation layers (ReLU, LeakyReLU, ELU) and direct callers need. float32
/// arithmetic as in <c>keras/src/backend/numpy/nn.py</c>: Python-float arguments become float32.
/// </summary>
public static partial class KerasActivations
{
    /// <summary>
    /// <c>relu(x, negative_slope, max_value, threshold)</c> as Keras's <c>ReLU.static_call</c> computes it:
    /// <c>y = x</c> where <c>x &gt; threshold</c> (or <c>x ≥ 0</c> without a threshold) else 0, clipped to
    /// <c>[0, max_value]</c>, then minus <c>negative_slope · relu(threshold − x)</c>. With a slope alone it is
    /// <c>leaky_relu</c>; <c>max_value = 6</c> without a threshold is <c>relu6</c>.
    /// </summary>
    public static Activation Relu(double negativeSlope = 0.0, double? maxValue = null, double threshold = 0.0)
    {
        if (negativeSlope == 0 && maxValue is null && threshold == 0) return ByName["relu"];
        if (negativeSlope != 0 && maxValue is null && threshold == 0) return LeakyRelu(negativeSlope);
        float slope = (float)negativeSlope, t = (float)threshold;
        float? max = maxValue is double m ? (float)m : null;
        return new ElementwiseActivation("relu", x =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                float v = x[i];
                float y = threshold != 0 ? (v > t ? v : 0f) : MathF.Max(v, 0f);
                if (max is float hi) y = MathF.Min(MathF.Max(y, 0f), hi);
                if (negativeSlope != 0) y -= slope * MathF.Max(threshold != 0 ? -v + t : -v, 0f);
                x[i] = y;
            }
        });
    }

    /// <summary><c>leaky_relu(x, negative_slope) = max(x, negative_slope · x)</c> (Keras's own name uses 0.2).</summary>
    public static Activation LeakyRelu(double negativeSlope)
    {
        float slope = (float)negativeSlope;
        return new ElementwiseActivation("leaky_relu", x => { for (int i = 0; i < x.Length; i++) x[i] = MathF.Max(x[i], slope * x[i]); });
    }

    /// <summary><c>elu(x, alpha) = x</c> for <c>x ≥ 0</c>, else <c>alpha · expm1(x)</c>.</summary>
    public static Activation Elu(double alpha)
    {
        float a = (float)alpha;
        return new ElementwiseActivation("elu", x => Elu(x, a));
    }

    /// <summary>
    /// <c>gelu(x) = x · (erf(x/√2) + 1) / 2</c> (Keras's name: <c>approximate=False</c>); with <paramref name="approximate"/>
    /// <c>x · 0.5 · (1 + tanh(√(2/π) · (x + 0.044715 x³)))</c>.
    /// </summary>
    public static Activation Gelu(bool approximate)
    {
        if (approximate)
        {
            const float SqrtTwoOverPi = 0.7978845608028654f, C = 0.044715f;
            return new ElementwiseActivation("gelu", x =>
            {
                for (int i = 0; i < x.Length; i++)
                {
                    float v = x[i];
                    x[i] = v * (0.5f * (1f + MathF.Tanh(SqrtTwoOverPi * (v + C * (v * v * v)))));
                }
            });
        }
        const float Sqrt2 = 1.4142135623730951f;
        // erf in double rounded to float32, as scipy's float32 loop does, before the float32 "+ 1".
        return new ElementwiseActivation("gelu", x =>
        {
            for (int i = 0; i < x.Length; i++) x[i] = x[i] * ((float)Math.SpecialFunctions.Erf(x[i] / Sqrt2) + 1f) / 2f;
        });
    }

    /// <summary><c>hard_shrink(x, threshold) = x</c> where <c>|x| &gt; threshold</c>, else 0.</summary>
    public static Activation HardShrink(double threshold)
    {
        float t = (float)threshold;
        return new ElementwiseActivation("hard_shrink", x => { for (int i = 0; i < x.Length; i++) if (!(MathF.Abs(x[i]) > t)) x[i] = 0f; });
    }

    /// <summary><c>soft_shrink(x, threshold) = x − threshold</c> above it, <c>x + threshold</c> below its negative, else 0.</summary>
    public static Activation SoftShrink(double threshold)
    {
        float t = (float)threshold;
        return new ElementwiseActivation("soft_shrink", x =>
        {
            for (int i = 0; i < x.Length; i++) x[i] = x[i] > t ? x[i] - t : x[i] < -t ? x[i] + t : 0f;
        });
    }

    /// <summary><c>squareplus(x, b) = (x + √(x² + b)) / 2</c>.</summary>
    public static Activation Squareplus(double b)
    {
        float bf = (float)b;
        return new ElementwiseActivation("squareplus", x =>
        {
            for (int i = 0; i < x.Length; i++) x[i] = (x[i] + MathF.Sqrt(x[i] * x[i] + bf)) / 2f;
        });
    }

    /// <summary><c>threshold(x, threshold, default_value) = x</c> where <c>x &gt; threshold</c>, else <c>default_value</c>.</summary>
    public static Activation Threshold(double threshold, double defaultValue)
    {
        float t = (float)threshold, d = (float)defaultValue;
        return new ElementwiseActivation("threshold", x => { for (int i = 0; i < x.Length; i++) if (!(x[i] > t)) x[i] = d; });
    }
}
