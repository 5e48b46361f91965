using StaticNN.Tests.Support;

namespace StaticNN.Tests.Networks;

// Hand-written networks for the tests other than the gradient sweep (see GradientNetworks.cs).
// Each is listed with its declared shape in TestNetworks below.

/// <summary>Float, Mse, mixed activations; widths around Vector&lt;float&gt;.Count = 8.</summary>
[Network(Loss.Mse)]
[Dense(25, 17, Activation.Tanh)]
[Dense(17, 9, Activation.Sigmoid)]
public sealed partial class FloatTanhSigmoid
{
}

/// <summary>Float, CrossEntropy, the wide 56→100 layer.</summary>
[Network(Loss.CrossEntropy)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 10)]
public sealed partial class FloatWideClassifier
{
}

/// <summary>Float, Mae, three layers with the piecewise-linear activations.</summary>
[Network(Loss.Mae)]
[Dense(13, 7, Activation.LeakyReLU)]
[Dense(7, 5, Activation.HardSigmoid)]
[Dense(5, 3, Activation.Linear)]
public sealed partial class FloatPiecewise
{
}

/// <summary>Float, a single Tanh layer 9→17 (no hidden layer at all).</summary>
[Network(Loss.Mse)]
[Dense(9, 17, Activation.Tanh)]
public sealed partial class FloatSingleLayer
{
}

/// <summary>Float, CrossEntropy with two classes and Sigmoid/HardSigmoid hidden layers.</summary>
[Network(Loss.CrossEntropy, ElementType = typeof(float))]
[Dense(3, 8, Activation.Sigmoid)]
[Dense(8, 7, Activation.HardSigmoid)]
[Dense(7, 2)]
public sealed partial class FloatBinaryClassifier
{
}

/// <summary>Float, 10000 hidden units: the workspace budget gives a chunk of 26 samples, not 64.</summary>
[Network(Loss.Mse)]
[Dense(1, 10000, Activation.Tanh)]
[Dense(10000, 1)]
public sealed partial class FloatVeryWide
{
}

/// <summary>No [Network] attribute: the defaults, Mse over float.</summary>
[Dense(2, 3, Activation.ReLU)]
[Dense(3, 1)]
public sealed partial class DefaultsNetwork
{
}

/// <summary>Double, Mae, for the interface and argument tests.</summary>
[Network(Loss.Mae, ElementType = typeof(double))]
[Dense(5, 4, Activation.Tanh)]
[Dense(4, 3, Activation.Tanh)]
public sealed partial class DoubleMae
{
}

/// <summary>Double, CrossEntropy, for the interface and allocation tests.</summary>
[Network(Loss.CrossEntropy, ElementType = typeof(double))]
[Dense(13, 17, Activation.LeakyReLU)]
[Dense(17, 5)]
public sealed partial class DoubleClassifier
{
}

/// <summary>The sin(x) regressor of the learning test: 1 → 16 ReLU → 1.</summary>
[Network(Loss.Mse)]
[Dense(1, 16, Activation.ReLU)]
[Dense(16, 1)]
public sealed partial class SineRegressor
{
}

/// <summary>The XOR classifier of the learning test: 2 → 16 Tanh → 2 classes.</summary>
[Network(Loss.CrossEntropy)]
[Dense(2, 16, Activation.Tanh)]
[Dense(16, 2)]
public sealed partial class XorClassifier
{
}

/// <summary>The two-spirals classifier of the learning test: 2 → 32 Tanh → 32 Tanh → 2 classes.</summary>
[Network(Loss.CrossEntropy)]
[Dense(2, 32, Activation.Tanh)]
[Dense(32, 32, Activation.Tanh)]
[Dense(32, 2)]
public sealed partial class SpiralClassifier
{
}

/// <summary>
/// Nine units fed by one input, for the kink tests: weights and biases are set by hand so that z
/// lands exactly on the kinks, both in the vector lanes (units 0–7) and in the scalar tail (unit 8).
/// </summary>
[Network(Loss.Mse, ElementType = typeof(double))]
[Dense(1, 9, Activation.ReLU)]
public sealed partial class KinkReLU
{
}

/// <summary>See <see cref="KinkReLU"/>.</summary>
[Network(Loss.Mse, ElementType = typeof(double))]
[Dense(1, 9, Activation.LeakyReLU)]
public sealed partial class KinkLeakyReLU
{
}

/// <summary>See <see cref="KinkReLU"/>.</summary>
[Network(Loss.Mse, ElementType = typeof(double))]
[Dense(1, 9, Activation.HardSigmoid)]
public sealed partial class KinkHardSigmoid
{
}

/// <summary>See <see cref="KinkReLU"/>; here the kink is MAE's at a = t.</summary>
[Network(Loss.Mae, ElementType = typeof(double))]
[Dense(1, 9, Activation.Linear)]
public sealed partial class KinkMae
{
}

/// <summary>See <see cref="KinkReLU"/> (float: units 0–7 are one vector, unit 8 the tail).</summary>
[Network(Loss.Mse)]
[Dense(1, 9, Activation.ReLU)]
public sealed partial class KinkReLUFloat
{
}

/// <summary>See <see cref="KinkReLU"/>.</summary>
[Network(Loss.Mse)]
[Dense(1, 9, Activation.LeakyReLU)]
public sealed partial class KinkLeakyReLUFloat
{
}

/// <summary>See <see cref="KinkReLU"/>.</summary>
[Network(Loss.Mse)]
[Dense(1, 9, Activation.HardSigmoid)]
public sealed partial class KinkHardSigmoidFloat
{
}

/// <summary>See <see cref="KinkMae"/>.</summary>
[Network(Loss.Mae)]
[Dense(1, 9, Activation.Linear)]
public sealed partial class KinkMaeFloat
{
}

/// <summary>The networks above with their declared shapes.</summary>
internal static class TestNetworks
{
    public static readonly NetworkCase<float>[] Floats =
    [
        new("FloatTanhSigmoid", Loss.Mse, [new(25, 17, Activation.Tanh), new(17, 9, Activation.Sigmoid)], seed => new FloatTanhSigmoid(seed)),
        new("FloatWideClassifier", Loss.CrossEntropy, [new(56, 100, Activation.ReLU), new(100, 10, Activation.Linear)], seed => new FloatWideClassifier(seed)),
        new("FloatPiecewise", Loss.Mae, [new(13, 7, Activation.LeakyReLU), new(7, 5, Activation.HardSigmoid), new(5, 3, Activation.Linear)], seed => new FloatPiecewise(seed)),
        new("FloatSingleLayer", Loss.Mse, [new(9, 17, Activation.Tanh)], seed => new FloatSingleLayer(seed)),
        new("FloatBinaryClassifier", Loss.CrossEntropy, [new(3, 8, Activation.Sigmoid), new(8, 7, Activation.HardSigmoid), new(7, 2, Activation.Linear)], seed => new FloatBinaryClassifier(seed)),
        new("FloatVeryWide", Loss.Mse, [new(1, 10000, Activation.Tanh), new(10000, 1, Activation.Linear)], seed => new FloatVeryWide(seed)),
        new("DefaultsNetwork", Loss.Mse, [new(2, 3, Activation.ReLU), new(3, 1, Activation.Linear)], seed => new DefaultsNetwork(seed)),
        new("SineRegressor", Loss.Mse, [new(1, 16, Activation.ReLU), new(16, 1, Activation.Linear)], seed => new SineRegressor(seed)),
        new("XorClassifier", Loss.CrossEntropy, [new(2, 16, Activation.Tanh), new(16, 2, Activation.Linear)], seed => new XorClassifier(seed)),
        new("SpiralClassifier", Loss.CrossEntropy, [new(2, 32, Activation.Tanh), new(32, 32, Activation.Tanh), new(32, 2, Activation.Linear)], seed => new SpiralClassifier(seed)),
        new("KinkReLUFloat", Loss.Mse, [new(1, 9, Activation.ReLU)], seed => new KinkReLUFloat(seed)),
        new("KinkLeakyReLUFloat", Loss.Mse, [new(1, 9, Activation.LeakyReLU)], seed => new KinkLeakyReLUFloat(seed)),
        new("KinkHardSigmoidFloat", Loss.Mse, [new(1, 9, Activation.HardSigmoid)], seed => new KinkHardSigmoidFloat(seed)),
        new("KinkMaeFloat", Loss.Mae, [new(1, 9, Activation.Linear)], seed => new KinkMaeFloat(seed)),
    ];

    public static readonly NetworkCase<double>[] Doubles =
    [
        new("DoubleMae", Loss.Mae, [new(5, 4, Activation.Tanh), new(4, 3, Activation.Tanh)], seed => new DoubleMae(seed)),
        new("DoubleClassifier", Loss.CrossEntropy, [new(13, 17, Activation.LeakyReLU), new(17, 5, Activation.Linear)], seed => new DoubleClassifier(seed)),
        new("KinkReLU", Loss.Mse, [new(1, 9, Activation.ReLU)], seed => new KinkReLU(seed)),
        new("KinkLeakyReLU", Loss.Mse, [new(1, 9, Activation.LeakyReLU)], seed => new KinkLeakyReLU(seed)),
        new("KinkHardSigmoid", Loss.Mse, [new(1, 9, Activation.HardSigmoid)], seed => new KinkHardSigmoid(seed)),
        new("KinkMae", Loss.Mae, [new(1, 9, Activation.Linear)], seed => new KinkMae(seed)),
    ];
}
