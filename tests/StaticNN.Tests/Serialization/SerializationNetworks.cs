namespace StaticNN.Tests.Serialization;

/// <summary>Linear, ReLU, Linear, then an activated output: state_dict indices 0, 2, 4 (ReLU at 1, Tanh at 3, Sigmoid at 5).</summary>
[Network(Loss.Mse)]
[Dense(5, 4, Activation.ReLU)]
[Dense(4, 3, Activation.Tanh)]
[Dense(3, 2, Activation.Sigmoid)]
public sealed partial class SaveFloat
{
}

/// <summary>The same shape in double.</summary>
[Network(Loss.Mse, ElementType = typeof(double))]
[Dense(5, 4, Activation.ReLU)]
[Dense(4, 3, Activation.Tanh)]
[Dense(3, 2, Activation.Sigmoid)]
public sealed partial class SaveDouble
{
}

/// <summary>Two Linear layers in a row take consecutive indices 0 and 1 (no activation module between them).</summary>
#pragma warning disable SNN0016 // The collapsing linear layers are the point of this network.
[Network(Loss.CrossEntropy)]
[Dense(3, 6)]
[Dense(6, 2)]
#pragma warning restore SNN0016
public sealed partial class SaveLinearPair
{
}
