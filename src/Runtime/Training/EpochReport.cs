using System;

namespace StaticNN.Training;

/// <summary>What one epoch of <see cref="Trainer.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The number of epochs asked for.</param>
/// <param name="Updates">The number of parameter updates so far: ⌈N/B⌉ per epoch over N samples with batch size B.</param>
/// <param name="TrainingLoss">L: the mean loss over this epoch's batches (each batch's loss before its update, weighted by its size).</param>
/// <param name="ValidationLoss">L′: the mean loss on the validation set after the epoch, or null without one.</param>
/// <param name="ValidationAccuracy">The share of validation samples whose largest output is their largest target, for CrossEntropy networks with a validation set; else null.</param>
/// <param name="Elapsed">The time since training started.</param>
/// <param name="IsBest">Whether L′ is the lowest so far (always false without a validation set).</param>
public readonly record struct EpochReport(
    int Epoch,
    int Epochs,
    long Updates,
    double TrainingLoss,
    double? ValidationLoss,
    double? ValidationAccuracy,
    TimeSpan Elapsed,
    bool IsBest);
