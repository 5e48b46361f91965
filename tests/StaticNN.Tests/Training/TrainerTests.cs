using System;
using System.Collections.Generic;
using StaticNN.Training;

namespace StaticNN.Tests.Training;

/// <summary>
/// Proves the training loop: ⌈N/B⌉ updates per epoch, a seed fixes the shuffling, early stopping
/// ends with the best epoch's parameters, a diverging loss stops with the last finite parameters,
/// bad arguments change nothing, and a batch allocates nothing.
/// </summary>
public sealed class TrainerTests
{
    [Theory]
    [InlineData(10, 3, 4)]
    [InlineData(10, 10, 1)]
    [InlineData(10, 1, 10)]
    [InlineData(10, 64, 1)]
    [InlineData(12, 4, 3)]
    public void An_epoch_over_N_samples_with_batch_B_is_ceil_N_over_B_updates(int samples, int batchSize, int updatesPerEpoch)
    {
        var network = new LoopRegressor(seed: 1);
        var result = network.Fit(Regression(samples, seed: 2), null, new TrainingOptions<double> { Epochs = 3, BatchSize = batchSize, LearningRate = 0.01 });

        Assert.Equal([updatesPerEpoch, 2 * updatesPerEpoch, 3 * updatesPerEpoch], Updates(result));
        Assert.Equal([1, 2, 3], Array.ConvertAll(ToArray(result.Epochs), r => r.Epoch));
        Assert.All(result.Epochs, r => Assert.Null(r.ValidationLoss));
        Assert.Equal(3, result.BestEpoch);
        Assert.False(result.StoppedEarly);
    }

    [Fact]
    public void The_same_seed_gives_the_same_parameters_and_another_seed_does_not()
    {
        Dataset<double> data = Regression(50, seed: 3);
        double[] Train(int shuffleSeed)
        {
            var network = new LoopRegressor(seed: 1);
            network.Fit(data, null, new TrainingOptions<double> { Epochs = 4, BatchSize = 7, LearningRate = 0.05, Seed = shuffleSeed });
            return network.Parameters.ToArray();
        }

        double[] first = Train(11);
        Assert.Equal(first, Train(11));
        Assert.NotEqual(first, Train(12));

        // Without shuffling the order is the data's, and the seed does not matter.
        double[] Unshuffled(int seed)
        {
            var network = new LoopRegressor(seed: 1);
            network.Fit(data, null, new TrainingOptions<double> { Epochs = 2, BatchSize = 7, LearningRate = 0.05, Seed = seed, Shuffle = false });
            return network.Parameters.ToArray();
        }

        Assert.Equal(Unshuffled(1), Unshuffled(2));
    }

    [Fact]
    public void The_training_loss_is_the_mean_of_the_batch_losses_before_each_update()
    {
        // With one batch per epoch and no shuffling, L of an epoch is the loss before its single update.
        Dataset<double> data = Regression(20, seed: 4);
        var network = new LoopRegressor(seed: 5);
        var twin = new LoopRegressor(seed: 5);
        var result = network.Fit(data, data, new TrainingOptions<double> { Epochs = 3, BatchSize = 20, LearningRate = 0.1, Shuffle = false });

        for (int epoch = 0; epoch < 3; epoch++)
        {
            double expected = twin.TrainBatch(data.Inputs.Span, data.Targets.Span, 0.1);
            Assert.Equal(expected, result.Epochs[epoch].TrainingLoss, 12);
            Assert.Equal(twin.Evaluate(data.Inputs.Span, data.Targets.Span), result.Epochs[epoch].ValidationLoss!.Value, 12);
        }

        Assert.Equal(twin.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_and_restores_the_best_parameters()
    {
        // The validation targets are the negated training targets: after the first epochs the
        // network fits training better and validation worse — overfitting in its plainest form.
        Dataset<double> training = Regression(40, seed: 6);
        double[] negated = training.Targets.ToArray();
        for (int i = 0; i < negated.Length; i++)
        {
            negated[i] = -negated[i];
        }

        var validation = new Dataset<double>(training.Inputs, negated, 3, 1);
        var network = new LoopRegressor(seed: 7);
        var snapshots = new Dictionary<int, double[]>();
        var progress = new SynchronousProgress(report => snapshots[report.Epoch] = network.Parameters.ToArray());

        var result = network.Fit(training, validation, new TrainingOptions<double> { Epochs = 50, BatchSize = 8, LearningRate = 0.05, EarlyStoppingPatience = 3 }, progress);

        Assert.True(result.StoppedEarly);
        int last = result.Epochs[^1].Epoch;
        Assert.Equal(result.BestEpoch + 3, last);
        Assert.True(result.Epochs[result.BestEpoch - 1].IsBest);
        Assert.All(result.Epochs, r => Assert.True(r.ValidationLoss >= result.Epochs[result.BestEpoch - 1].ValidationLoss));
        Assert.Equal(snapshots[result.BestEpoch], network.Parameters.ToArray());
        Assert.NotEqual(snapshots[last], network.Parameters.ToArray());
    }

    [Fact]
    public void A_diverging_loss_stops_training_with_the_epoch_the_update_and_the_rate_and_keeps_finite_parameters()
    {
        Dataset<double> data = Regression(30, seed: 8, scale: 1e3);
        var network = new LoopRegressor(seed: 9);
        var exception = Assert.Throws<TrainingDivergedException>(() =>
            network.Fit(data, null, new TrainingOptions<double> { Epochs = 100, BatchSize = 5, LearningRate = 1e6 }));

        Assert.True(exception.Update >= 1);
        Assert.Equal(exception.Epoch - 1, exception.CompletedEpochs.Count);
        Assert.Equal(1e6, exception.LearningRate);
        Assert.Contains($"epoch {exception.Epoch}", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"update {exception.Update}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("1000000", exception.Message, StringComparison.Ordinal);
        Assert.False(double.IsFinite(exception.Loss));
        Assert.All(network.Parameters.ToArray(), p => Assert.True(double.IsFinite(p)));
    }

    public static TheoryData<string, Func<LoopRegressor, Dataset<double>, object?>> BadCalls => new()
    {
        { "epochs 0", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 0, LearningRate = 0.1 }) },
        { "batch 0", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 1, BatchSize = 0, LearningRate = 0.1 }) },
        { "batch −1", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 1, BatchSize = -1, LearningRate = 0.1 }) },
        { "rate 0", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 1, LearningRate = 0 }) },
        { "rate −1", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 1, LearningRate = -1 }) },
        { "rate NaN", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 1, LearningRate = double.NaN }) },
        { "rate ∞", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 1, LearningRate = double.PositiveInfinity }) },
        { "patience 0", (n, d) => n.Fit(d, d, new TrainingOptions<double> { Epochs = 1, LearningRate = 0.1, EarlyStoppingPatience = 0 }) },
        { "patience without validation", (n, d) => n.Fit(d, null, new TrainingOptions<double> { Epochs = 1, LearningRate = 0.1, EarlyStoppingPatience = 2 }) },
        { "inputs of 4", (n, d) => n.Fit(new Dataset<double>(new double[8], new double[2], 4, 1), null, new TrainingOptions<double> { Epochs = 1, LearningRate = 0.1 }) },
        { "targets of 2", (n, d) => n.Fit(new Dataset<double>(new double[6], new double[4], 3, 2), null, new TrainingOptions<double> { Epochs = 1, LearningRate = 0.1 }) },
        { "validation targets of 2", (n, d) => n.Fit(d, new Dataset<double>(new double[6], new double[4], 3, 2), new TrainingOptions<double> { Epochs = 1, LearningRate = 0.1 }) },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void Bad_arguments_throw_before_any_training(string what, Func<LoopRegressor, Dataset<double>, object?> call)
    {
        var network = new LoopRegressor(seed: 1);
        double[] before = network.Parameters.ToArray();
        var exception = Assert.ThrowsAny<ArgumentException>(() => call(network, Regression(10, seed: 1)));
        Assert.False(string.IsNullOrEmpty(exception.ParamName), what);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_batch_allocates_nothing()
    {
        // 400 batches of one sample and 1 batch of 400 differ only in the batch buffers, which
        // the one-sample run has smaller; so if a batch allocated, the first would allocate more.
        Dataset<double> data = Regression(400, seed: 10);
        long Allocated(int batchSize)
        {
            var network = new LoopRegressor(seed: 1);
            var options = new TrainingOptions<double> { Epochs = 2, BatchSize = batchSize, LearningRate = 0.001 };
            network.Fit(data, data, options);
            long before = GC.GetAllocatedBytesForCurrentThread();
            network.Fit(data, data, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long manyBatches = Allocated(1), oneBatch = Allocated(400);
        Assert.True(manyBatches <= oneBatch, $"800 batches allocated {manyBatches} bytes, 2 batches {oneBatch}: a batch allocates.");
    }

    [Fact]
    public void A_classifier_reports_validation_accuracy_and_learns_a_separable_problem()
    {
        // Two classes split by the line x + y = 0.
        var random = new Random(12);
        float[] inputs = new float[400], targets = new float[400];
        for (int i = 0; i < 200; i++)
        {
            float x = (float)((random.NextDouble() * 2) - 1), y = (float)((random.NextDouble() * 2) - 1);
            inputs[2 * i] = x;
            inputs[(2 * i) + 1] = y;
            targets[(2 * i) + (x + y > 0 ? 1 : 0)] = 1;
        }

        var data = new Dataset<float>(inputs, targets, 2, 2);
        var network = new LoopClassifier(seed: 2);
        var result = network.Fit(data.Slice(0, 150), data.Slice(150, 50), new TrainingOptions<float> { Epochs = 60, BatchSize = 10, LearningRate = 0.01f });

        Assert.All(result.Epochs, r => Assert.InRange(r.ValidationAccuracy!.Value, 0, 1));
        Assert.True(result.Epochs[^1].ValidationAccuracy >= 0.9, $"accuracy {result.Epochs[^1].ValidationAccuracy}");
        Assert.Equal(result.Epochs[^1].ValidationAccuracy!.Value, network.Accuracy(data.Slice(150, 50)));
    }

    [Fact]
    public void Cancellation_stops_between_batches()
    {
        using var cancellation = new System.Threading.CancellationTokenSource();
        var network = new LoopRegressor(seed: 1);
        var progress = new SynchronousProgress(report => cancellation.Cancel());
        Assert.Throws<OperationCanceledException>(() =>
            network.Fit(Regression(10, seed: 1), null, new TrainingOptions<double> { Epochs = 5, BatchSize = 5, LearningRate = 0.1 }, progress, cancellation.Token));
    }

    /// <summary>y = sin(x₀) + x₁·x₂ with inputs uniform in ±1, times <paramref name="scale"/>.</summary>
    private static Dataset<double> Regression(int samples, int seed, double scale = 1)
    {
        var random = new Random(seed);
        double[] inputs = new double[samples * 3], targets = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                inputs[(3 * i) + k] = ((random.NextDouble() * 2) - 1) * scale;
            }

            targets[i] = (Math.Sin(inputs[3 * i]) + (inputs[(3 * i) + 1] * inputs[(3 * i) + 2])) * scale;
        }

        return new Dataset<double>(inputs, targets, 3, 1);
    }

    private static long[] Updates(TrainingResult result) => Array.ConvertAll(ToArray(result.Epochs), r => r.Updates);

    private static EpochReport[] ToArray(IReadOnlyList<EpochReport> reports)
    {
        var array = new EpochReport[reports.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = reports[i];
        }

        return array;
    }

    /// <summary>Calls back on the training thread, unlike <see cref="Progress{T}"/>, so a test sees the parameters of that epoch.</summary>
    private sealed class SynchronousProgress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
