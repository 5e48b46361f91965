using System;
using System.Collections.Generic;
using System.Diagnostics;
using StaticNN.Training;

namespace StaticNN.Samples.Births;

/// <summary>What training one row of the table gave.</summary>
/// <param name="Experiment">The row.</param>
/// <param name="ParameterCount">The network's number of weights and biases.</param>
/// <param name="TrainingMae">L: the mean absolute error on the training days, in births.</param>
/// <param name="TestMae">L′: the mean absolute error on the unseen year, in births.</param>
/// <param name="TestPredictions">The prediction for every day of the unseen year, in births.</param>
/// <param name="Epochs">Fit's report of every epoch (losses are MSE of standardized births).</param>
/// <param name="Parameters">The trained parameters.</param>
/// <param name="Elapsed">The training time.</param>
/// <param name="Diverged">Why training stopped early, or null; the other values then describe the last finite parameters.</param>
public sealed record ModelResult(
    Experiment Experiment,
    int ParameterCount,
    double TrainingMae,
    double TestMae,
    double[] TestPredictions,
    IReadOnlyList<EpochReport> Epochs,
    float[] Parameters,
    TimeSpan Elapsed,
    string? Diverged);

/// <summary>Trains the rows of the table and measures L and L′.</summary>
public static class Runner
{
    /// <summary>Trains one row with <see cref="Trainer.Fit"/>: the unseen year is the validation set, so every epoch reports L′.</summary>
    /// <param name="experiment">The row.</param>
    /// <param name="data">The births.</param>
    /// <param name="progress">Receives every epoch's report.</param>
    /// <returns>L and L′ in births, and the predictions for the unseen year.</returns>
    public static ModelResult Run(Experiment experiment, BirthsData data, IProgress<EpochReport> progress)
    {
        Dataset<float> training = data.Training(experiment.PastDays);
        Dataset<float> test = data.Test(experiment.PastDays);
        INetwork<float> network = experiment.Create();
        var options = new TrainingOptions<float>
        {
            Epochs = experiment.Settings.Epochs,
            BatchSize = experiment.Settings.BatchSize,
            LearningRate = experiment.Settings.LearningRate,
            Seed = Experiment.Seed,

            // No early stopping: it would pick the epoch by its L′, and then 2014 would no longer be
            // unseen. Every model keeps the parameters of its last epoch.
            EarlyStoppingPatience = null,
        };

        var epochs = new List<EpochReport>();
        var recorder = new Recorder(epochs, progress);
        var clock = Stopwatch.StartNew();
        string? diverged = null;
        try
        {
            network.Fit(training, test, options, recorder);
        }
        catch (TrainingDivergedException exception)
        {
            diverged = exception.Message;
        }

        // The table reports mean absolute errors in births, as the lecture does; the networks were
        // trained on the squared error of standardized births, which has nicer gradients.
        double[] testPredictions = Predict(network, test, data);
        return new ModelResult(
            experiment,
            network.ParameterCount,
            MeanAbsoluteError(Predict(network, training, data), training, data),
            MeanAbsoluteError(testPredictions, test, data),
            testPredictions,
            epochs,
            network.Parameters.ToArray(),
            clock.Elapsed,
            diverged);
    }

    /// <summary>Runs every sample through the network and maps the outputs back to births.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="samples">Standardized samples.</param>
    /// <param name="data">The series, for its scale.</param>
    /// <returns>One prediction per sample, in births.</returns>
    public static double[] Predict(INetwork<float> network, Dataset<float> samples, BirthsData data)
    {
        var outputs = new float[samples.Count];
        network.ForwardBatch(samples.Inputs.Span, outputs);
        return Array.ConvertAll(outputs, y => data.Scale.Invert(y));
    }

    private static double MeanAbsoluteError(double[] predictions, Dataset<float> samples, BirthsData data)
    {
        double sum = 0;
        ReadOnlySpan<float> targets = samples.Targets.Span;
        for (int i = 0; i < predictions.Length; i++)
        {
            sum += Math.Abs(predictions[i] - data.Scale.Invert(targets[i]));
        }

        return sum / predictions.Length;
    }

    /// <summary>Keeps every report and passes it on, on the training thread (unlike <see cref="Progress{T}"/>, which posts it elsewhere).</summary>
    private sealed class Recorder(List<EpochReport> reports, IProgress<EpochReport> next) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            reports.Add(value);
            next.Report(value);
        }
    }
}
