namespace StaticNN;

/// <summary>
/// The cost C a network is trained to minimise. Each member follows the PyTorch loss of the same
/// meaning with its default <c>reduction='mean'</c>.
/// </summary>
public enum Loss
{
    /// <summary>
    /// Mean squared error, as <c>torch.nn.MSELoss</c>: <c>C = (1/(B·m)) Σ (a − t)²</c> over all
    /// B samples × m outputs.
    /// </summary>
    Mse = 0,

    /// <summary>
    /// Mean absolute error, as <c>torch.nn.L1Loss</c>: <c>C = (1/(B·m)) Σ |a − t|</c>; the
    /// derivative of |0| is taken as 0.
    /// </summary>
    Mae = 1,

    /// <summary>
    /// Softmax over the outputs followed by cross-entropy with probability targets, as
    /// <c>torch.nn.CrossEntropyLoss</c> applied to logits: <c>C = −(1/B) Σ_s Σ_k t[s,k]·log p[s,k]</c>
    /// with <c>p = softmax(z)</c>. A network with this loss returns the probabilities p from
    /// <c>Forward</c>; its last layer must be <see cref="Activation.Linear"/>, since the softmax is
    /// part of the loss.
    /// </summary>
    CrossEntropy = 2,
}
