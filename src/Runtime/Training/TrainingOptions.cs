using System.Numerics;

namespace StaticNN.Training;

/// <summary>How <see cref="Trainer.Fit"/> trains: epochs, batches, learning rate, shuffling, early stopping.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class TrainingOptions<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets the number of passes over the training data; positive.</summary>
    public required int Epochs { get; init; }

    /// <summary>Gets the number of samples per update; positive. The last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Gets the learning rate η; finite and positive.</summary>
    public required T LearningRate { get; init; }

    /// <summary>Gets whether the training samples are visited in a new random order every epoch; true by default.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Gets the seed of the shuffling; the same seed gives the same order, on every machine.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Gets the number of epochs without a new best validation loss L′ after which training stops,
    /// or null (the default) to train all <see cref="Epochs"/>. When set, a validation set is
    /// required and the network ends with the parameters of its best epoch.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>
    /// Gets the number of threads each batch's backward pass is spread over; 1 (the default) trains
    /// on the calling thread alone. With more, batches of at least
    /// <see cref="ParallelBackward{T}.MinimumSamplesPerThread"/> samples per thread are cut into one
    /// part per thread (see <see cref="ParallelBackward{T}"/>): the result is the same from run to run,
    /// and equals single-threaded training's up to the order of float summation.
    /// </summary>
    public int Threads { get; init; } = 1;
}
