using System;
using System.Numerics;

namespace StaticNN;

/// <summary>
/// What every generated network offers, so that code such as a training loop can be written once
/// for all of them. The generated class implements it with members specialised to its sizes.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// An instance owns its gradients and a fixed workspace and is not thread-safe: one thread at a
/// time, for training and for inference. For inference (or backward passes) on several threads,
/// give each thread its own worker (<see cref="CreateWorker"/>), which shares the parameters.
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

    /// <summary>
    /// Runs the forward and the backward pass over part of a batch of <paramref name="batchSamples"/>
    /// samples and adds this part's share of the gradient of the whole batch's mean loss to
    /// <see cref="Gradients"/>. The parts of a batch, run on workers (<see cref="CreateWorker"/>) and
    /// their gradients added up, give the batch's gradient up to the order of float summation.
    /// </summary>
    /// <param name="inputs">This part's samples.</param>
    /// <param name="targets">Their targets.</param>
    /// <param name="batchSamples">The number of samples in the whole batch; at least this part's.</param>
    /// <returns>This part's share of the batch's mean loss (the parts' shares add up to it).</returns>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSamples"/> is smaller than this part.</exception>
    T BackwardPart(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSamples);

    /// <summary>
    /// Creates a worker: a network of the same class that shares this one's <see cref="Parameters"/>
    /// (the same memory, not a copy) and has its own workspace, gradients and optimizer state.
    /// </summary>
    /// <remarks>
    /// An instance is not thread-safe, but distinct workers are independent: any number of threads
    /// may run <see cref="Forward"/>, <see cref="ForwardBatch"/>, <see cref="Backward"/>,
    /// <see cref="BackwardPart"/> and <see cref="Evaluate"/> at the same time, each on its own worker
    /// (or on the original), as long as no thread changes the parameters meanwhile (an
    /// <see cref="Update"/>, a <see cref="ResetParameters"/>, a load, a write to <see cref="Parameters"/>).
    /// Creating a worker allocates its workspace; its passes then allocate nothing.
    /// </remarks>
    /// <returns>The worker.</returns>
    INetwork<T> CreateWorker();

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
