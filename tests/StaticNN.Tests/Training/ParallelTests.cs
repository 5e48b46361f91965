using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StaticNN.Training;
using Xunit.Abstractions;

namespace StaticNN.Tests.Training;

/// <summary>
/// Workers (<see cref="INetwork{T}.CreateWorker"/>) share parameters and nothing else; parallel
/// backward passes give the same gradients on every run, equal to the single-threaded ones up to
/// summation order, and exactly what the same parts computed one after the other give.
/// </summary>
public sealed class ParallelTests(ITestOutputHelper output)
{
    [Fact]
    public void A_worker_shares_the_parameters_and_owns_its_gradients_and_workspace()
    {
        var network = new ParallelViews(seed: 1);
        ParallelViews worker = network.CreateWorker();
        Assert.NotSame(network, worker);

        network.Parameters[0] = 0.25f;
        Assert.Equal(0.25f, worker.Parameters[0]);
        worker.Parameters[1] = -0.5f;
        Assert.Equal(-0.5f, network.Parameters[1]);

        (float[] inputs, float[] targets) = Batch(network, 40, seed: 2);
        worker.Backward(inputs, targets);
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(worker.Gradients.ToArray(), g => g != 0f);

        // Its own Adam state: an update on the worker does not advance the network's step count.
        var fresh = new ParallelViews(seed: 1);
        fresh.Parameters[0] = 0.25f;
        fresh.Parameters[1] = -0.5f;
        worker.Update(0.01f);
        network.Parameters.CopyTo(fresh.Parameters);
        network.ZeroGradients();
        fresh.ZeroGradients();
        network.Backward(inputs, targets);
        fresh.Backward(inputs, targets);
        network.Update(0.01f);
        fresh.Update(0.01f);
        Assert.Equal(Bits(fresh.Parameters.ToArray()), Bits(network.Parameters.ToArray()));
    }

    [Fact]
    public void Workers_run_inference_on_every_core_at_once_with_the_single_threaded_results()
    {
        var network = new ParallelClassifier(seed: 3);
        (float[] inputs, _) = Batch(network, 97, seed: 4);
        float[] expected = new float[97 * ParallelClassifier.OutputSize];
        network.ForwardBatch(inputs, expected);
        float[] expectedSingle = new float[ParallelClassifier.OutputSize];
        network.Forward(inputs.AsSpan(0, ParallelClassifier.InputSize), expectedSingle);

        (_, float[] targets) = Batch(network, 97, seed: 4);
        float expectedLoss = network.Evaluate(inputs, targets);

        int threads = Math.Max(2, Environment.ProcessorCount);
        var workers = Enumerable.Range(0, threads).Select(_ => network.CreateWorker()).ToArray();
        long runs = 0, mismatches = 0, allocated = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            ParallelClassifier worker = workers[t];
            float[] outputs = new float[expected.Length];
            float[] single = new float[ParallelClassifier.OutputSize];
            long ownAllocated = 0;
            for (int run = 0; !stop.IsCancellationRequested; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                worker.ForwardBatch(inputs, outputs);
                worker.Forward(inputs.AsSpan(0, ParallelClassifier.InputSize), single);
                float loss = worker.Evaluate(inputs, targets);
                if (run > 0)
                {
                    // From the second round on (the first may JIT), nothing is allocated on this thread.
                    ownAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
                }

                if (!outputs.AsSpan().SequenceEqual(expected) || !single.AsSpan().SequenceEqual(expectedSingle) || BitConverter.SingleToInt32Bits(loss) != BitConverter.SingleToInt32Bits(expectedLoss))
                {
                    Interlocked.Increment(ref mismatches);
                }

                Interlocked.Increment(ref runs);
            }

            Interlocked.Add(ref allocated, ownAllocated);
        });

        output.WriteLine($"{threads} threads for 2 s: {runs} rounds of ForwardBatch (97 samples), Forward and Evaluate; {mismatches} mismatches, {allocated} bytes allocated after the first round");
        Assert.Equal(0, mismatches);
        Assert.Equal(0, allocated);
        Assert.True(runs > threads, $"only {runs} runs");
    }

    [Theory]
    [InlineData(2, 64)]
    [InlineData(2, 257)]
    [InlineData(3, 300)]
    [InlineData(4, 1000)]
    public void Parallel_backward_is_deterministic_and_equals_the_parts_run_in_turn(int threads, int samples)
    {
        var network = new ParallelViews(seed: 5);
        (float[] inputs, float[] targets) = Batch(network, samples, seed: 6);
        using var parallel = new ParallelBackward<float>(network, threads);

        float loss = parallel.Backward(inputs, targets);
        float[] gradients = network.Gradients.ToArray();

        // Again: bit for bit the same, whatever the threads' timing.
        network.ZeroGradients();
        Assert.Equal(loss, parallel.Backward(inputs, targets));
        Assert.Equal(Bits(gradients), Bits(network.Gradients.ToArray()));

        // The same parts, one after the other on this thread, added in part order.
        int parts = Math.Min(threads, samples / ParallelBackward<float>.MinimumSamplesPerThread);
        var reference = new ParallelViews(seed: 5);
        float referenceLoss = 0f;
        float[] sum = new float[ParallelViews.ParameterCount];
        for (int p = 0; p < parts; p++)
        {
            int first = (int)((long)p * samples / parts), end = (int)((long)(p + 1) * samples / parts);
            ParallelViews part = p == 0 ? reference : reference.CreateWorker();
            part.ZeroGradients();
            referenceLoss += part.BackwardPart(inputs.AsSpan(first * 56, (end - first) * 56), targets.AsSpan(first, end - first), samples);
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] = p == 0 ? part.Gradients[i] : sum[i] + part.Gradients[i];
            }
        }

        Assert.Equal(referenceLoss, loss);
        Assert.Equal(Bits(sum), Bits(gradients));

        // And the single-threaded gradient, up to summation order.
        var single = new ParallelViews(seed: 5);
        float singleLoss = single.Backward(inputs, targets);
        Assert.Equal(singleLoss, loss, 1e-5f);
        float scale = single.Gradients.ToArray().Max(MathF.Abs);
        for (int i = 0; i < gradients.Length; i++)
        {
            Assert.True(MathF.Abs(gradients[i] - single.Gradients[i]) <= 1e-5f * scale, $"gradient {i}: parallel {gradients[i]:R}, single {single.Gradients[i]:R}");
        }
    }

    [Fact]
    public void Small_batches_run_on_the_calling_thread_and_equal_Backward_bit_for_bit()
    {
        var network = new ParallelClassifier(seed: 7);
        var single = new ParallelClassifier(seed: 7);
        (float[] inputs, float[] targets) = Batch(network, 63, seed: 8);
        using var parallel = new ParallelBackward<float>(network, 2);
        Assert.Equal(single.Backward(inputs, targets), parallel.Backward(inputs, targets));
        Assert.Equal(Bits(single.Gradients.ToArray()), Bits(network.Gradients.ToArray()));
    }

    [Fact]
    public void Bad_arguments_change_nothing()
    {
        var network = new ParallelViews(seed: 11);
        float[] before = network.Parameters.ToArray();
        using var parallel = new ParallelBackward<float>(network, 2);
        var error = Assert.Throws<ArgumentException>(() => parallel.TrainBatch(new float[55 * 100], new float[100], 0.1f));
        Assert.Equal("inputs", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => parallel.TrainBatch(new float[56 * 100], new float[100], -1f));
        Assert.Equal(Bits(before), Bits(network.Parameters.ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelBackward<float>(network, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.BackwardPart(new float[56 * 4], new float[4], 3));
    }

    [Fact]
    public void A_part_that_throws_leaves_the_gradients_as_they_were_and_the_next_call_works()
    {
        var network = new ParallelViews(seed: 15);
        (float[] inputs, float[] targets) = Batch(network, 128, seed: 16);
        using var parallel = new ParallelBackward<float>(network, 2);
        network.Backward(inputs.AsSpan(0, 56), targets.AsSpan(0, 1));
        float[] before = network.Gradients.ToArray();

        // Memory whose span cannot be taken: every part fails when it reads its samples.
        var broken = new ThrowingMemory(inputs.Length);
        Assert.Throws<InvalidOperationException>(() => parallel.Backward(broken.Readable, targets));
        Assert.Equal(Bits(before), Bits(network.Gradients.ToArray()));

        // The threads are in step again: a good call gives what a fresh instance gives.
        network.ZeroGradients();
        float loss = parallel.Backward(inputs, targets);
        var reference = new ParallelViews(seed: 15);
        using var fresh = new ParallelBackward<float>(reference, 2);
        Assert.Equal(fresh.Backward(inputs, targets), loss);
        Assert.Equal(Bits(reference.Gradients.ToArray()), Bits(network.Gradients.ToArray()));
    }

    [Fact]
    public async Task Dispose_waits_for_a_call_in_progress_and_later_calls_throw()
    {
        var network = new ParallelViews(seed: 17);
        (float[] inputs, float[] targets) = Batch(network, 512, seed: 18);
        var parallel = new ParallelBackward<float>(network, 2);
        using var running = new ManualResetEventSlim();
        Task training = Task.Run(() =>
        {
            try
            {
                while (true)
                {
                    parallel.TrainBatch(inputs, targets, 1e-4f);
                    running.Set();
                }
            }
            catch (ObjectDisposedException)
            {
                // Expected once Dispose has run.
            }
        });

        Assert.True(running.Wait(TimeSpan.FromSeconds(10)), "training did not start");
        parallel.Dispose();
        Assert.Same(training, await Task.WhenAny(training, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Throws<ObjectDisposedException>(() => parallel.Backward(inputs, targets));
        Assert.All(network.Parameters.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Fit_refuses_a_thread_count_outside_1_to_64_before_training(int threads)
    {
        var network = new ParallelViews(seed: 14);
        float[] before = network.Parameters.ToArray();
        var data = new Dataset<float>(new float[56 * 4], new float[4], 56, 1);
        var error = Assert.Throws<ArgumentException>(() => network.Fit(data, null, new TrainingOptions<float> { Epochs = 1, LearningRate = 0.1f, Threads = threads }));
        Assert.Equal("options", error.ParamName);
        Assert.Contains($"Expected 1 to 64 threads but got {threads}", error.Message, StringComparison.Ordinal);
        Assert.Equal(Bits(before), Bits(network.Parameters.ToArray()));
    }

    [Fact]
    public void Fit_on_two_threads_repeats_itself_bit_for_bit_and_tracks_single_threaded_training()
    {
        var random = new Random(12);
        int count = 600;
        float[] inputs = Enumerable.Range(0, count * 56).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] targets = Enumerable.Range(0, count).Select(s => inputs.Skip(s * 56).Take(7).Sum() / 7f).ToArray();
        var data = new Dataset<float>(inputs, targets, 56, 1);
        TrainingOptions<float> Options(int threads) => new() { Epochs = 3, BatchSize = 256, LearningRate = 1e-3f, Seed = 1, Threads = threads };

        var first = new ParallelViews(seed: 13);
        var second = new ParallelViews(seed: 13);
        var single = new ParallelViews(seed: 13);
        TrainingResult a = first.Fit(data, null, Options(2));
        TrainingResult b = second.Fit(data, null, Options(2));
        TrainingResult c = single.Fit(data, null, Options(1));

        Assert.Equal(Bits(first.Parameters.ToArray()), Bits(second.Parameters.ToArray()));
        Assert.Equal(a.Epochs.Select(e => e.TrainingLoss), b.Epochs.Select(e => e.TrainingLoss));
        for (int i = 0; i < ParallelViews.ParameterCount; i++)
        {
            Assert.True(MathF.Abs(first.Parameters[i] - single.Parameters[i]) <= 1e-4f, $"parameter {i}: two threads {first.Parameters[i]:R}, one {single.Parameters[i]:R}");
        }

        Assert.Equal(c.Epochs[^1].TrainingLoss, a.Epochs[^1].TrainingLoss, 1e-4);
    }

    /// <summary>Memory of the right length whose span throws when taken.</summary>
    private sealed class ThrowingMemory(int length) : System.Buffers.MemoryManager<float>
    {
        public ReadOnlyMemory<float> Readable => CreateMemory(length);

        public override Span<float> GetSpan() => throw new InvalidOperationException("This memory cannot be read.");

        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }

    private static (float[] Inputs, float[] Targets) Batch(INetwork<float> network, int samples, int seed)
    {
        var random = new Random(seed);
        float[] inputs = Enumerable.Range(0, samples * network.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] targets = new float[samples * network.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            if (network.Loss == Loss.CrossEntropy)
            {
                targets[(s * network.OutputSize) + random.Next(network.OutputSize)] = 1f;
            }
            else
            {
                for (int o = 0; o < network.OutputSize; o++)
                {
                    targets[(s * network.OutputSize) + o] = (float)random.NextDouble();
                }
            }
        }

        return (inputs, targets);
    }

    private static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();
}

/// <summary>Measures the allocation of a parallel step on the calling thread and on the worker thread.</summary>
public sealed class ParallelAllocationTests
{
    [Fact]
    public void A_parallel_training_step_allocates_nothing_on_any_thread()
    {
        var network = new ParallelViews(seed: 9);
        var random = new Random(10);
        float[] inputs = Enumerable.Range(0, 512 * 56).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = Enumerable.Range(0, 512).Select(_ => (float)random.NextDouble()).ToArray();
        using var parallel = new ParallelBackward<float>(network, 2);
        for (int i = 0; i < 20; i++)
        {
            parallel.TrainBatch(inputs, targets, 1e-3f);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        long workersBefore = parallel.WorkerAllocatedBytes;
        for (int i = 0; i < 50; i++)
        {
            parallel.TrainBatch(inputs, targets, 1e-3f);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, parallel.WorkerAllocatedBytes - workersBefore);
        Assert.True(parallel.WorkerAllocatedBytes >= 0);
    }
}
