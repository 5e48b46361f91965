namespace StaticNN;

/// <summary>
/// The non-linearity a <see cref="DenseAttribute"/> layer applies to its pre-activation <c>z</c>.
/// Every member follows the definition of the PyTorch module of the same name, including the
/// derivative PyTorch uses at a kink, so results can be checked against PyTorch.
/// </summary>
public enum Activation
{
    /// <summary>The identity: <c>a = z</c> (no activation module in PyTorch).</summary>
    Linear = 0,

    /// <summary><c>a = max(0, z)</c>, as <c>torch.nn.ReLU</c>; the derivative at 0 is 0.</summary>
    ReLU = 1,

    /// <summary><c>a = 1 / (1 + e^(−z))</c>, as <c>torch.nn.Sigmoid</c>.</summary>
    Sigmoid = 2,

    /// <summary>
    /// <c>a = clamp(z / 6 + 1/2, 0, 1)</c>, as <c>torch.nn.Hardsigmoid</c>; the derivative is 1/6 for
    /// −3 &lt; z &lt; 3 and 0 elsewhere (also at ±3).
    /// </summary>
    HardSigmoid = 3,

    /// <summary><c>a = tanh(z)</c>, as <c>torch.nn.Tanh</c>.</summary>
    Tanh = 4,

    /// <summary>
    /// <c>a = z</c> for z &gt; 0 and <c>0.01·z</c> otherwise, as <c>torch.nn.LeakyReLU</c> with its
    /// default negative slope; the derivative at 0 is 0.01.
    /// </summary>
    LeakyReLU = 5,
}
