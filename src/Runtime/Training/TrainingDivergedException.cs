using System;
using System.Collections.Generic;

namespace StaticNN.Training;

/// <summary>
/// Thrown by <see cref="Trainer.Fit"/> when a batch's loss is NaN or infinite. The network keeps the
/// last parameters that were all finite; a smaller learning rate usually helps.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">The epoch in which the loss diverged.</param>
    /// <param name="update">The number of the update (from 1) whose batch had the loss.</param>
    /// <param name="learningRate">The learning rate in use.</param>
    /// <param name="loss">The loss that was not finite.</param>
    /// <param name="completedEpochs">The reports of the epochs finished before it diverged.</param>
    public TrainingDivergedException(int epoch, long update, double learningRate, double loss, IReadOnlyList<EpochReport>? completedEpochs = null)
        : base($"Training diverged in epoch {epoch} at update {update}: the batch loss is {loss} with learning rate {learningRate}. "
            + "The network keeps the last finite parameters; try a smaller learning rate.")
    {
        Epoch = epoch;
        Update = update;
        LearningRate = learningRate;
        Loss = loss;
        CompletedEpochs = completedEpochs ?? [];
    }

    /// <summary>Gets the reports of the epochs finished before the loss diverged (empty if it diverged in the first).</summary>
    public IReadOnlyList<EpochReport> CompletedEpochs { get; }

    /// <summary>Gets the epoch in which the loss diverged.</summary>
    public int Epoch { get; }

    /// <summary>Gets the number of the update (from 1) whose batch had the loss.</summary>
    public long Update { get; }

    /// <summary>Gets the learning rate in use.</summary>
    public double LearningRate { get; }

    /// <summary>Gets the loss that was not finite.</summary>
    public double Loss { get; }
}
