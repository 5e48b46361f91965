namespace StaticNN.TorchSharp.Tests;

/// <summary>The lecture's model; in PyTorch <c>nn.Sequential(nn.Linear(56, 100), nn.ReLU(), nn.Linear(100, 1))</c>.</summary>
[Network(Loss.Mse)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public sealed partial class ViewsModel
{
}

/// <summary>A classifier: Forward returns probabilities, so the TorchSharp side ends in softmax.</summary>
[Network(Loss.CrossEntropy)]
[Dense(20, 8, Activation.Tanh)]
[Dense(8, 3)]
public sealed partial class Classifier
{
}
