namespace RnnParity.Diagnosis.Mistakes;

/// <summary>Every porting mistake <c>diff</c> replays, in the order they are tried (ties go to the first).</summary>
public static class MistakeRegistry
{
    public static IReadOnlyList<PortingMistake> All { get; } =
    [
        new KernelTransposed(),
        new RecurrentKernelTransposed(),
        new StateNotCarried(),
        new TimeReversed(),
        new GateOrder(),
        new Keras2HardSigmoid(),
        new ResetAfterMismatch(),
        new GruBiasRowsSwapped(),
        new BiasMissing(),
        new BiasDoubled(),
        new PrecisionMistake(),
    ];
}
