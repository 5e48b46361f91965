using StaticNN;

namespace StaticNN.Samples.TypedChaining;

/// <summary>Turns 56 past days into 16 features.</summary>
[Dense(56, 16, Activation.Tanh)]
public partial class FeatureModel
{
}

/// <summary>Predicts tomorrow from the 16 features.</summary>
/// <remarks>
/// Its input type is <c>StaticNN.Shapes.Float16</c>, the same type as <see cref="FeatureModel"/>'s
/// output, because the sizes agree. Declare it as <c>[Dense(15, 1)]</c> and the chaining call in
/// Program.cs stops compiling: <c>error CS1503: cannot convert from 'StaticNN.Shapes.Float16' to
/// 'in StaticNN.Shapes.Float15'</c>.
/// </remarks>
[Dense(16, 1)]
public partial class HeadModel
{
}
