using StaticNN;

namespace StaticNN.Benchmarks;

/// <summary>Scenario A: the lecture's 56 days → 100 ReLU → 1 (MSE).</summary>
[Network(Loss.Mse)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class ModelA
{
}

/// <summary>Scenario B: 56 → 100 → 100 → 100 ReLU → 1 (MSE).</summary>
[Network(Loss.Mse)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class ModelB
{
}

/// <summary>Scenario C: 784 → 100 ReLU → 10 (CrossEntropy; Forward returns probabilities).</summary>
[Network(Loss.CrossEntropy)]
[Dense(784, 100, Activation.ReLU)]
[Dense(100, 10)]
public partial class ModelC
{
}
