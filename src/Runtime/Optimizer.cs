namespace StaticNN;

/// <summary>
/// The rule <c>Update</c> applies to move the parameters against the gradient. Each follows the
/// PyTorch optimizer of the same name with its default settings, so training can be checked
/// against PyTorch. The state an optimizer keeps is allocated once, with the network.
/// </summary>
public enum Optimizer
{
    /// <summary>
    /// Plain gradient descent, the lecture's rule, as <c>torch.optim.SGD</c>: <c>θ ← θ − η·g</c>.
    /// </summary>
    Sgd = 0,

    /// <summary>
    /// Gradient descent with momentum, as <c>torch.optim.SGD(momentum=μ)</c> (no dampening, not
    /// Nesterov): <c>b ← μ·b + g</c>, <c>θ ← θ − η·b</c>, with b starting at 0 (so the first step
    /// is <c>b = g</c>). μ is <see cref="NetworkAttribute.Momentum"/>.
    /// </summary>
    Momentum = 1,

    /// <summary>
    /// Adam, as <c>torch.optim.Adam</c>: at step t,
    /// <c>m ← m + (1 − β₁)·(g − m)</c>, <c>v ← β₂·v + (1 − β₂)·g²</c>,
    /// <c>θ ← θ − (η / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)</c>, with m and v starting at 0.
    /// β₁, β₂ and ε are <see cref="NetworkAttribute.Beta1"/>, <see cref="NetworkAttribute.Beta2"/>
    /// and <see cref="NetworkAttribute.Epsilon"/>.
    /// </summary>
    Adam = 2,
}
