namespace StaticNN.Generator.Model;

/// <summary>The update rule and its settings, as written on <c>[Network]</c> (defaults where not written).</summary>
/// <remarks>Plain values only, so it compares by value and caches across generator runs.</remarks>
/// <param name="Kind">The rule.</param>
/// <param name="Momentum">μ of <see cref="OptimizerKind.Momentum"/>.</param>
/// <param name="Beta1">β₁ of <see cref="OptimizerKind.Adam"/>.</param>
/// <param name="Beta2">β₂ of <see cref="OptimizerKind.Adam"/>.</param>
/// <param name="Epsilon">ε of <see cref="OptimizerKind.Adam"/>.</param>
internal sealed record OptimizerSpec(OptimizerKind Kind, double Momentum, double Beta1, double Beta2, double Epsilon)
{
    /// <summary>The defaults of <c>NetworkAttribute</c>: SGD; μ = 0.9; PyTorch Adam's β₁ = 0.9, β₂ = 0.999, ε = 1e-8.</summary>
    public static OptimizerSpec Default { get; } = new(OptimizerKind.Sgd, 0.9, 0.9, 0.999, 1e-8);
}
