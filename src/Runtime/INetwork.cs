using System;
using System.Numerics;

namespace StaticNN;

/// <summary>
/// What every generated network offers, so that code such as a training loop can be written once
/// for all of them. The generated class implements it with members specialised to its sizes.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// An instance owns its parameters, gradients and a fixed workspace; it is not thread-safe.
/// Every method validates its arguments before it changes anything, so a call that throws leaves
/// the parameters and gradients exactly as they were.
/// </remarks>
public interface INetwork<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the number of values one input sample holds.</summary>
    int InputSize { get; }

    /// <summary>Gets the number of values one output sample holds.</summary>
    int OutputSize { get; }

    /// <summary>Gets the number of trainable parameters (weights and biases of every layer).</summary>
    int ParameterCount { get; }

    /// <summary>Gets the loss the network is trained with.</summary>
    Loss Loss { get; }

    /// <summary>Gets the layers in order, with where each one's parameters live in <see cref="Parameters"/>.</summary>
    System.Collections.Generic.IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>
    /// Gets all parameters in one buffer: for each layer in order, its weight matrix
    /// <c>[outputs × inputs]</c> row-major (the layout of PyTorch's <c>nn.Linear.weight</c>), then its bias.
    /// </summary>
    Span<T> Parameters { get; }

    /// <summary>Gets the accumulated gradients, laid out exactly as <see cref="Parameters"/>.</summary>
    Span<T> Gradients { get; }

    /// <summary>
    /// Draws every parameter again, as a network created with <paramref name="seed"/> has them, and
    /// clears the gradients.
    /// </summary>
    /// <param name="seed">Equal seeds give equal parameters, on every machine.</param>
    void ResetParameters(int seed);

    /// <summary>Runs one sample through the network.</summary>
    /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
    /// <param name="output">At least <see cref="OutputSize"/> values; the first <see cref="OutputSize"/> receive the result.</param>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>Runs <c>inputs.Length / InputSize</c> samples, stored row-major, through the network.</summary>
    /// <param name="inputs">One or more whole samples of <see cref="InputSize"/> values.</param>
    /// <param name="outputs">At least samples × <see cref="OutputSize"/> values.</param>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>
    /// Runs the forward and the backward pass over a batch and adds the gradient of the batch's
    /// mean loss to <see cref="Gradients"/>.
    /// </summary>
    /// <returns>The batch's mean loss.</returns>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    T Backward(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets);

    /// <summary>Sets every gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>Takes one gradient-descent step: <c>θ ← θ − η·g</c> over all parameters.</summary>
    /// <param name="learningRate">The step size η; finite and not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite.</exception>
    void Update(T learningRate);

    /// <summary>
    /// Trains on one batch: <see cref="ZeroGradients"/>, <see cref="Backward"/>, <see cref="Update"/>.
    /// </summary>
    /// <returns>The batch's mean loss before the update.</returns>
    /// <exception cref="ArgumentException">A length or the learning rate is invalid.</exception>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    /// <summary>Computes the mean loss over a batch without touching the gradients.</summary>
    /// <returns>The batch's mean loss.</returns>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    T Evaluate(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets);
}
