namespace StaticNN;

/// <summary>One dense layer of a generated network, as declared, with where its parameters live.</summary>
/// <param name="Inputs">The number of values the layer reads.</param>
/// <param name="Outputs">The number of values the layer produces.</param>
/// <param name="Activation">The layer's activation.</param>
/// <param name="WeightOffset">Where the weights W, <c>[Outputs × Inputs]</c> row-major, start in <c>Parameters</c>.</param>
/// <param name="BiasOffset">Where the bias b, <c>[Outputs]</c>, starts in <c>Parameters</c>.</param>
public readonly record struct DenseLayer(int Inputs, int Outputs, Activation Activation, int WeightOffset, int BiasOffset)
{
    /// <summary>Gets the number of weights, <c>Outputs × Inputs</c>.</summary>
    public int WeightCount => Inputs * Outputs;
}
