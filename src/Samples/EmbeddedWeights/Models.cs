namespace StaticNN.Samples.EmbeddedWeights;

/// <summary>Predicts tomorrow's births from the past 7 days (standardized); trained at run time by <c>-- train</c>.</summary>
[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(7, 32, Activation.ReLU)]
[Dense(32, 1)]
public partial class ViewsModel
{
}

/// <summary>
/// The same network with the parameters of <c>views.safetensors</c> compiled in: <c>new()</c>
/// starts with them, reading no file. A different architecture or a damaged file would be a
/// compile-time error (SNN0024–SNN0029) at the <c>Weights</c> argument.
/// </summary>
[Network(Loss.Mse, Optimizer = Optimizer.Adam, Weights = "views.safetensors")]
[Dense(7, 32, Activation.ReLU)]
[Dense(32, 1)]
public partial class EmbeddedViewsModel
{
}
