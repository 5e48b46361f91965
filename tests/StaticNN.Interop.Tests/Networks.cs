namespace StaticNN.Interop.Tests;

/// <summary>The lecture's model.</summary>
[Network(Loss.Mse)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public sealed partial class ViewsModel
{
}

/// <summary>Every activation once, and an activated output layer.</summary>
[Network(Loss.Mae)]
[Dense(9, 17, Activation.Sigmoid)]
[Dense(17, 8, Activation.Tanh)]
[Dense(8, 7, Activation.HardSigmoid)]
[Dense(7, 5, Activation.LeakyReLU)]
[Dense(5, 3, Activation.ReLU)]
public sealed partial class EveryActivation
{
}

/// <summary>A classifier: the export ends in Softmax, as Forward returns probabilities.</summary>
[Network(Loss.CrossEntropy)]
[Dense(784, 100, Activation.ReLU)]
[Dense(100, 10)]
public sealed partial class Digits
{
}
