using StaticNN;

namespace StaticNN.Samples.Births;

/// <summary>Tomorrow's births from the past 7 days: one hidden layer of 32 ReLU units.</summary>
[Network(Loss.Mse)]
[Dense(7, 32, Activation.ReLU)]
[Dense(32, 1)]
public partial class BirthsModel
{
}
