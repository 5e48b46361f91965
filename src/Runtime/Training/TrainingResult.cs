using System.Collections.Generic;

namespace StaticNN.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="Epochs">One report per epoch trained, in order.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss, or the last epoch without a validation set.</param>
/// <param name="StoppedEarly">Whether early stopping ended training before the last epoch.</param>
public sealed record TrainingResult(IReadOnlyList<EpochReport> Epochs, int BestEpoch, bool StoppedEarly);
