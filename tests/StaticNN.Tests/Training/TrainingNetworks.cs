namespace StaticNN.Tests.Training;

// Networks for the optimizer and training-loop tests.

/// <summary>Two parameters per output, double: small enough to compute optimizer steps by hand.</summary>
[Network(Loss.Mse, ElementType = typeof(double))]
[Dense(2, 1)]
public sealed partial class SgdPair
{
}

/// <summary>Momentum with a non-default μ, double.</summary>
[Network(Loss.Mse, ElementType = typeof(double), Optimizer = Optimizer.Momentum, Momentum = 0.5)]
[Dense(2, 1)]
public sealed partial class MomentumPair
{
}

/// <summary>Adam with PyTorch's defaults, double.</summary>
[Network(Loss.Mse, ElementType = typeof(double), Optimizer = Optimizer.Adam)]
[Dense(2, 1)]
public sealed partial class AdamPair
{
}

/// <summary>Adam with β₁ above one half's complement (1 − β₁ ≥ 0.5), so lerp takes its other branch; float.</summary>
[Network(Loss.Mse, Optimizer = Optimizer.Adam, Beta1 = 0.3, Beta2 = 0.99, Epsilon = 1e-6)]
[Dense(13, 1)]
public sealed partial class AdamFloat
{
}

/// <summary>A small regression network for the training loop.</summary>
[Network(Loss.Mse, ElementType = typeof(double))]
[Dense(3, 5, Activation.Tanh)]
[Dense(5, 1)]
public sealed partial class LoopRegressor
{
}

/// <summary>A small classifier for the training loop's accuracy.</summary>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(2, 8, Activation.ReLU)]
[Dense(8, 2)]
public sealed partial class LoopClassifier
{
}

/// <summary>Scenario A of the benchmarks (56 → 100 ReLU → 1), for parallel training and workers.</summary>
[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public sealed partial class ParallelViews
{
}

/// <summary>A classifier with three layers and CrossEntropy, for parallel training and workers.</summary>
[Network(Loss.CrossEntropy)]
[Dense(20, 33, Activation.Tanh)]
[Dense(33, 17, Activation.Sigmoid)]
[Dense(17, 4)]
public sealed partial class ParallelClassifier
{
}
