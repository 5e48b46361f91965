namespace StaticNN.Generator.Model;

/// <summary>One dense layer: <c>a = activation(W·x + b)</c> with W of shape [Outputs × Inputs].</summary>
/// <remarks>Plain values only, so it compares by value and caches across generator runs.</remarks>
internal sealed record LayerSpec(int Inputs, int Outputs, ActivationKind Activation);
