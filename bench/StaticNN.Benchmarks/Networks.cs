using StaticNN;

namespace StaticNN.Benchmarks;

/// <summary>Scenario A of the benchmarks: the lecture's 56 days → 100 ReLU → 1.</summary>
[Network(Loss.Mse)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class ModelA
{
}
