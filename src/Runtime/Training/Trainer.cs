using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics;
using System.Threading;
using StaticNN.Kernels;

namespace StaticNN.Training;

/// <summary>The lecture's training loop over any generated network: epochs of shuffled mini-batches.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> with mini-batch gradient descent (the network's own
    /// optimizer): each epoch visits every training sample once, in batches of
    /// <see cref="TrainingOptions{T}.BatchSize"/>, one update per batch. After each epoch it reports
    /// the training loss L and, with a validation set, the loss L′ on data the updates never saw.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="network">The network; its parameters are trained in place.</param>
    /// <param name="training">The training samples.</param>
    /// <param name="validation">Samples to compute L′ on, or null.</param>
    /// <param name="options">Epochs, batch size, learning rate, shuffling, early stopping.</param>
    /// <param name="progress">
    /// Receives a report after every epoch, or null. It is called on the training thread; note that
    /// <see cref="Progress{T}"/> posts to the thread pool in a console program, so reports may arrive
    /// late and out of order; implement <see cref="IProgress{T}"/> directly to handle each one at once.
    /// </param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    /// <returns>The report of every epoch, the best epoch, and whether training stopped early.</returns>
    /// <remarks>
    /// Everything the loop needs (the batch buffers, the permutation, a copy of the parameters) is
    /// allocated once before the first epoch; a batch allocates nothing. The network is not
    /// thread-safe, so do not use it elsewhere while it trains.
    /// </remarks>
    /// <exception cref="ArgumentException">An option is out of range or the data does not fit the network; nothing has been trained.</exception>
    /// <exception cref="TrainingDivergedException">A batch loss became NaN or infinite; the network keeps the last finite parameters.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the network keeps the parameters of the last update.</exception>
    public static TrainingResult Fit<T>(
        this INetwork<T> network,
        Dataset<T> training,
        Dataset<T>? validation,
        TrainingOptions<T> options,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Validate(network, training, validation, options);
        using ParallelBackward<T>? parallel = options.Threads > 1 ? new ParallelBackward<T>(network, options.Threads) : null;

        int inputSize = network.InputSize, outputSize = network.OutputSize;
        int batchSize = Math.Min(options.BatchSize, training.Count);
        int[] order = new int[training.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        T[] batchInputs = new T[batchSize * inputSize];
        T[] batchTargets = new T[batchSize * outputSize];
        T[] lastFinite = new T[network.ParameterCount];
        T[]? best = options.EarlyStoppingPatience is null ? null : new T[network.ParameterCount];
        T[]? scores = validation is not null && network.Loss == Loss.CrossEntropy ? new T[Math.Min(validation.Count, 256) * outputSize] : null;

        var reports = new List<EpochReport>(options.Epochs);
        var random = new ParameterRandom(options.Seed);
        long start = Stopwatch.GetTimestamp();
        long updates = 0;
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        bool stoppedEarly = false;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.Shuffle)
            {
                Shuffle(order, ref random);
            }

            double lossSum = 0;
            for (int first = 0; first < training.Count; first += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(batchSize, training.Count - first);
                Span<T> x = batchInputs.AsSpan(0, count * inputSize);
                Span<T> t = batchTargets.AsSpan(0, count * outputSize);
                for (int b = 0; b < count; b++)
                {
                    training.Input(order[first + b]).CopyTo(x.Slice(b * inputSize, inputSize));
                    training.Target(order[first + b]).CopyTo(t.Slice(b * outputSize, outputSize));
                }

                network.ZeroGradients();
                T loss = parallel is null
                    ? network.Backward(x, t)
                    : parallel.Backward(batchInputs.AsMemory(0, count * inputSize), batchTargets.AsMemory(0, count * outputSize));
                if (!T.IsFinite(loss))
                {
                    // The update before this batch may have left non-finite parameters; if so, go back to the copy taken before it.
                    if (!AllFinite(network.Parameters))
                    {
                        lastFinite.CopyTo(network.Parameters);
                    }

                    throw new TrainingDivergedException(epoch, updates + 1, double.CreateTruncating(options.LearningRate), double.CreateTruncating(loss), reports);
                }

                network.Parameters.CopyTo(lastFinite);
                network.Update(options.LearningRate);
                updates++;
                lossSum += double.CreateTruncating(loss) * count;
            }

            double? validationLoss = null, accuracy = null;
            bool isBest = false;
            if (validation is not null)
            {
                validationLoss = double.CreateTruncating(network.Evaluate(validation.Inputs.Span, validation.Targets.Span));
                accuracy = scores is null ? null : Accuracy(network, validation, scores);
                if (validationLoss < bestLoss)
                {
                    bestLoss = validationLoss.Value;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    isBest = true;
                    if (best is not null)
                    {
                        network.Parameters.CopyTo(best);
                    }
                }
                else
                {
                    sinceBest++;
                }
            }
            else
            {
                bestEpoch = epoch;
            }

            var report = new EpochReport(epoch, options.Epochs, updates, lossSum / training.Count, validationLoss, accuracy, Stopwatch.GetElapsedTime(start), isBest);
            reports.Add(report);
            progress?.Report(report);

            if (options.EarlyStoppingPatience is { } patience && sinceBest >= patience)
            {
                stoppedEarly = epoch < options.Epochs;
                break;
            }
        }

        if (best is not null && bestEpoch > 0)
        {
            best.CopyTo(network.Parameters);
        }

        return new TrainingResult(reports, bestEpoch, stoppedEarly);
    }

    /// <summary>
    /// The share of samples whose largest output (the predicted class) is at the position of their
    /// largest target (the true class); for classification networks.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="data">The samples; targets one row of <c>OutputSize</c> values each (one-hot or probabilities).</param>
    /// <returns>A value from 0 to 1.</returns>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    public static double Accuracy<T>(this INetwork<T> network, Dataset<T> data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckFits(network, data, nameof(data));
        return Accuracy(network, data, new T[Math.Min(data.Count, 256) * network.OutputSize]);
    }

    private static double Accuracy<T>(INetwork<T> network, Dataset<T> data, T[] scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int outputSize = network.OutputSize, chunk = scores.Length / outputSize, correct = 0;
        for (int first = 0; first < data.Count; first += chunk)
        {
            int count = Math.Min(chunk, data.Count - first);
            network.ForwardBatch(data.Inputs.Span.Slice(first * data.InputSize, count * data.InputSize), scores);
            for (int s = 0; s < count; s++)
            {
                if (ArgMax(scores.AsSpan(s * outputSize, outputSize)) == ArgMax(data.Target(first + s)))
                {
                    correct++;
                }
            }
        }

        return (double)correct / data.Count;
    }

    /// <summary>The position of the largest value (the first, on ties).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">One or more values.</param>
    /// <returns>Its index.</returns>
    public static int ArgMax<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static void Validate<T>(INetwork<T> network, Dataset<T> training, Dataset<T>? validation, TrainingOptions<T> options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Epochs <= 0)
        {
            throw new ArgumentException($"Expected at least 1 epoch but got {options.Epochs}.", nameof(options));
        }

        if (options.BatchSize <= 0)
        {
            throw new ArgumentException($"Expected a batch size of at least 1 but got {options.BatchSize}.", nameof(options));
        }

        if (!T.IsFinite(options.LearningRate) || options.LearningRate <= T.Zero)
        {
            throw new ArgumentException($"Expected a finite learning rate greater than 0 but got {options.LearningRate}.", nameof(options));
        }

        if (options.Threads is < 1 or > 64)
        {
            throw new ArgumentException($"Expected 1 to 64 threads but got {options.Threads}.", nameof(options));
        }

        if (options.EarlyStoppingPatience is { } patience)
        {
            if (patience <= 0)
            {
                throw new ArgumentException($"Expected an early-stopping patience of at least 1 epoch but got {patience}.", nameof(options));
            }

            if (validation is null)
            {
                throw new ArgumentException("Early stopping watches the validation loss L′, so it needs a validation set, but none was given.", nameof(validation));
            }
        }

        CheckFits(network, training, nameof(training));
        if (validation is not null)
        {
            CheckFits(network, validation, nameof(validation));
        }
    }

    private static void CheckFits<T>(INetwork<T> network, Dataset<T> data, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (data.InputSize != network.InputSize)
        {
            throw new ArgumentException($"Expected samples of {network.InputSize} inputs (the network's InputSize) but the data has {data.InputSize}.", name);
        }

        if (data.TargetSize != network.OutputSize)
        {
            throw new ArgumentException($"Expected targets of {network.OutputSize} values (the network's OutputSize) but the data has {data.TargetSize}.", name);
        }
    }

    /// <summary>Fisher–Yates with StaticNN's own generator, so a seed gives the same order everywhere.</summary>
    private static void Shuffle(int[] order, ref ParameterRandom random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(random.NextDouble() * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (T value in values)
        {
            if (!T.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
