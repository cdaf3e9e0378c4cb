using System.Numerics.Tensors;

namespace RnnParity.Core.Activations;

/// <summary>
/// Keras 3's activations by name, with the numpy backend's formulas
/// (<c>keras/src/backend/numpy/nn.py</c>), so that float32 results round the way Keras's do.
/// </summary>
public static partial class KerasActivations
{
    static readonly Dictionary<string, Activation> ByName = Build();

    /// <summary>
    /// Internal name of Keras 2's <c>hard_sigmoid</c>, clip(0.2·x + 0.5, 0, 1) (Keras 3's is
    /// relu6(x + 3) / 6). Not a Keras name: a model file written by Keras &lt; 3 gets it in place of
    /// <c>hard_sigmoid</c> when it is upgraded (<c>RnnParity.KerasConfig.Legacy</c>), so that the
    /// model computes what it computed when it was trained.
    /// </summary>
    public const string Keras2HardSigmoid = "keras2_hard_sigmoid";

    /// <summary>The names <see cref="Get"/> accepts, for error messages and the README. Keras 3.15 also
    /// lists <c>threshold</c>, which needs two arguments a name cannot give, so <see cref="Get"/> refuses it.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <exception cref="NotSupportedException">the name is not a Keras activation this project implements.</exception>
    public static Activation Get(string? name)
    {
        if (name is null) return ByName["linear"];
        if (ByName.TryGetValue(name, out var a)) return a;
        if (name == "threshold")
            throw new NotSupportedException(
                "activation 'threshold' takes the arguments threshold and default_value, which an activation name cannot give "
                + "(Keras finds it by name but raises TypeError when it is called); use KerasActivations.Threshold(threshold, defaultValue).");
        throw new NotSupportedException(
            $"activation '{name}' is not supported; supported: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}.");
    }

    static Dictionary<string, Activation> Build()
    {
        var list = new List<Activation>
        {
            E("linear", _ => { }),
            // The gate functions of every recurrent step: SIMD polynomials (VectorMath says why not TensorPrimitives);
            // sigmoid is 1 / (1 + exp(-x)), the numpy backend's formula.
            E("tanh", Math.VectorMath.Tanh),
            E("sigmoid", Math.VectorMath.Sigmoid),
            // Keras 3: relu6(x + 3) / 6, written as x/6 + 0.5 clipped; Keras 2 used 0.2x + 0.5.
            E("hard_sigmoid", HardSigmoid),
            // Keras 2 (backend.hard_sigmoid): x = 0.2 * x + 0.5, then clip to [0, 1].
            E(Keras2HardSigmoid, x => { for (int i = 0; i < x.Length; i++) x[i] = System.Math.Clamp(0.2f * x[i] + 0.5f, 0f, 1f); }),
            E("relu", x => TensorPrimitives.Max(x, 0f, x)),
            E("relu6", x => { TensorPrimitives.Max(x, 0f, x); TensorPrimitives.Min(x, 6f, x); }),
            E("leaky_relu", x => { for (int i = 0; i < x.Length; i++) x[i] = MathF.Max(x[i], 0.2f * x[i]); }),
            E("elu", x => Elu(x, 1f)),
            E("selu", x => { Elu(x, 1.6732632423543772848170429916717f); TensorPrimitives.Multiply(x, 1.0507009873554804934193349852946f, x); }),
            E("celu", x => { for (int i = 0; i < x.Length; i++) x[i] = MathF.Max(x[i], 0f) + ExpM1(MathF.Min(x[i], 0f)); }),
            E("softplus", x => { for (int i = 0; i < x.Length; i++) x[i] = LogAddExp0(x[i]); }),
            E("softsign", x => { for (int i = 0; i < x.Length; i++) x[i] = x[i] / (1f + MathF.Abs(x[i])); }),
            E("silu", Silu),
            E("swish", Silu),
            E("hard_silu", x => { for (int i = 0; i < x.Length; i++) x[i] *= HardSigmoidOf(x[i]); }),
            E("hard_swish", x => { for (int i = 0; i < x.Length; i++) x[i] *= HardSigmoidOf(x[i]); }),
            E("hard_tanh", x => { TensorPrimitives.Max(x, -1f, x); TensorPrimitives.Min(x, 1f, x); }),
            E("tanh_shrink", x => { for (int i = 0; i < x.Length; i++) x[i] -= MathF.Tanh(x[i]); }),
            E("exponential", x => TensorPrimitives.Exp(x, x)),
            E("log_sigmoid", x => { for (int i = 0; i < x.Length; i++) x[i] = -LogAddExp0(-x[i]); }),
            E("mish", x => { for (int i = 0; i < x.Length; i++) x[i] *= MathF.Tanh(LogAddExp0(x[i])); }),
            E("sparse_sigmoid", x => { for (int i = 0; i < x.Length; i++) x[i] = x[i] <= -1f ? 0f : x[i] >= 1f ? 1f : 0.5f * (x[i] + 1f); }),
            Gelu(approximate: false),
            HardShrink(0.5),
            SoftShrink(0.5),
            E("sparse_plus", x => { for (int i = 0; i < x.Length; i++) x[i] = x[i] <= -1f ? 0f : x[i] < 1f ? 0.25f * ((x[i] + 1f) * (x[i] + 1f)) : x[i]; }),
            Squareplus(4.0),
            new SparsemaxActivation(),
            new GluActivation(),
            new SoftmaxActivation(log: false),
            new SoftmaxActivation(log: true),
        };
        return list.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    static ElementwiseActivation E(string name, ElementwiseActivation.SpanKernel k) => new(name, k);

    static void Silu(Span<float> x)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= 1f / (1f + MathF.Exp(-x[i]));
    }

    static void HardSigmoid(Span<float> x)
    {
        for (int i = 0; i < x.Length; i++) x[i] = HardSigmoidOf(x[i]);
    }

    static float HardSigmoidOf(float v)
    {
        float y = v / 6f + 0.5f;
        return y <= 0f ? 0f : y >= 1f ? 1f : y;
    }

    static void Elu(Span<float> x, float alpha)
    {
        for (int i = 0; i < x.Length; i++) if (!(x[i] >= 0f)) x[i] = alpha * ExpM1(x[i]);
    }

    static float ExpM1(float v) => (float)(System.Math.Abs(v) < 1e-5 ? v + 0.5 * v * v : System.Math.Exp(v) - 1.0);

    /// <summary>log(exp(x) + 1) without overflow, as numpy's logaddexp(x, 0).</summary>
    static float LogAddExp0(float v) => v > 0 ? v + MathF.Log(1f + MathF.Exp(-v)) : MathF.Log(1f + MathF.Exp(v));
}
