using System;
using System.Numerics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace StaticNN.Training;

/// <summary>
/// Runs the backward pass of large batches on several threads, with a deterministic result: the
/// batch is cut into one contiguous part per thread, each part runs on its own worker
/// (<see cref="INetwork{T}.CreateWorker"/>, sharing the network's parameters), and the parts'
/// gradients are added to the network's in a fixed order. The same batch and thread count give the
/// same gradients bit for bit, whatever the timing; they equal single-threaded
/// <see cref="INetwork{T}.Backward"/>'s up to the order of float summation (the parts' sums are
/// added at the end rather than sample by sample).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// The threads are created once, in the constructor, and wait between calls; a call allocates
/// nothing. Batches smaller than <see cref="MinimumSamplesPerThread"/> per thread run on the calling
/// thread alone (and so equal <see cref="INetwork{T}.Backward"/> bit for bit). Like a network, an
/// instance serves one calling thread at a time. Dispose it to end its threads.
/// </remarks>
public sealed class ParallelBackward<T> : IDisposable
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The fewest samples a thread gets; below that, the hand-over costs more than it saves.</summary>
    public const int MinimumSamplesPerThread = 32;

    private readonly INetwork<T> _network;
    private readonly Worker[] _workers;
    private bool _disposed;

    /// <summary>Prepares <paramref name="threads"/> − 1 worker threads, the calling thread being the last.</summary>
    /// <param name="network">The network whose gradients the passes add to.</param>
    /// <param name="threads">The number of threads, from 1 to 64; <see cref="Environment.ProcessorCount"/> is the natural choice.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is outside 1–64.</exception>
    public ParallelBackward(INetwork<T> network, int threads)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, 64);
        _network = network;
        _workers = new Worker[threads - 1];
        for (int w = 0; w < _workers.Length; w++)
        {
            _workers[w] = new Worker(network.CreateWorker(), w + 1);
        }
    }

    /// <summary>Gets the bytes the worker threads have allocated while running parts (for the tests that prove it is none).</summary>
    internal long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (Worker worker in _workers)
            {
                total += worker.AllocatedBytes;
            }

            return total;
        }
    }

    /// <summary>Gets the number of threads a large batch is spread over, the calling thread included.</summary>
    public int Threads => _workers.Length + 1;

    /// <summary>
    /// Does what <see cref="INetwork{T}.Backward"/> does: runs the forward and the backward pass over
    /// the batch and adds the gradient of the batch's mean loss to the network's gradients.
    /// </summary>
    /// <param name="inputs">One or more whole samples.</param>
    /// <param name="targets">Their targets.</param>
    /// <returns>The batch's mean loss.</returns>
    /// <exception cref="ArgumentException">A length does not fit the network.</exception>
    /// <exception cref="ObjectDisposedException">The instance is disposed.</exception>
    public T Backward(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int samples = Kernels.NetworkArguments.SampleCount(inputs.Length, _network.InputSize, nameof(inputs));
        Kernels.NetworkArguments.TargetLength(targets.Length, samples, _network.OutputSize, nameof(targets));
        int threads = Math.Min(Threads, samples / MinimumSamplesPerThread);
        if (threads <= 1)
        {
            return _network.Backward(inputs.Span, targets.Span);
        }

        // Part p holds samples [p·n/threads, (p+1)·n/threads): fixed by the batch size alone.
        int inputSize = _network.InputSize, outputSize = _network.OutputSize;
        for (int p = 1; p < threads; p++)
        {
            (int first, int count) = Part(p, threads, samples);
            _workers[p - 1].Start(inputs.Slice(first * inputSize, count * inputSize), targets.Slice(first * outputSize, count * outputSize), samples);
        }

        (_, int ownCount) = Part(0, threads, samples);
        Exception? ownFailure = null;
        T loss = T.Zero;
        try
        {
            loss = _network.BackwardPart(inputs.Span[..(ownCount * inputSize)], targets.Span[..(ownCount * outputSize)], samples);
        }
        catch (Exception exception)
        {
            ownFailure = exception;
        }

        // Wait for every part, then add them in part order: the order, and so the result, is fixed.
        Span<T> gradients = _network.Gradients;
        Exception? failure = ownFailure;
        for (int p = 1; p < threads; p++)
        {
            Worker worker = _workers[p - 1];
            worker.Wait();
            failure ??= worker.Failure;
            if (failure is null)
            {
                Add(worker.Network.Gradients, gradients);
                loss += worker.Loss;
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return loss;
    }

    /// <summary>Trains on one batch: clears the gradients, runs <see cref="Backward"/>, updates the parameters.</summary>
    /// <param name="inputs">One or more whole samples.</param>
    /// <param name="targets">Their targets.</param>
    /// <param name="learningRate">The step size η; finite and not negative.</param>
    /// <returns>The batch's mean loss before the update.</returns>
    /// <exception cref="ArgumentException">A length or the learning rate is invalid; nothing has changed.</exception>
    public T TrainBatch(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets, T learningRate)
    {
        Kernels.NetworkArguments.LearningRate(learningRate, nameof(learningRate));
        int samples = Kernels.NetworkArguments.SampleCount(inputs.Length, _network.InputSize, nameof(inputs));
        Kernels.NetworkArguments.TargetLength(targets.Length, samples, _network.OutputSize, nameof(targets));
        _network.ZeroGradients();
        T loss = Backward(inputs, targets);
        _network.Update(learningRate);
        return loss;
    }

    /// <summary>Ends the worker threads.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (Worker worker in _workers)
        {
            worker.Stop();
        }
    }

    private static (int First, int Count) Part(int part, int parts, int samples)
    {
        int first = (int)((long)part * samples / parts);
        int end = (int)((long)(part + 1) * samples / parts);
        return (first, end - first);
    }

    private static void Add(ReadOnlySpan<T> source, Span<T> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<T>> from = MemoryMarshal.Cast<T, Vector<T>>(source);
            Span<Vector<T>> to = MemoryMarshal.Cast<T, Vector<T>>(destination);
            for (int v = 0; v < from.Length; v++)
            {
                to[v] += from[v];
            }

            i = from.Length * Vector<T>.Count;
        }

        for (; i < source.Length; i++)
        {
            destination[i] += source[i];
        }
    }

    /// <summary>One thread with its own worker network, waiting for parts.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private ReadOnlyMemory<T> _inputs;
        private ReadOnlyMemory<T> _targets;
        private int _batchSamples;
        private volatile bool _stopping;

        public Worker(INetwork<T> network, int index)
        {
            Network = network;
            var thread = new Thread(Run) { IsBackground = true, Name = $"StaticNN backward {index}" };
            thread.Start();
        }

        public INetwork<T> Network { get; }

        public T Loss { get; private set; }

        public Exception? Failure { get; private set; }

        public long AllocatedBytes { get; private set; }

        public void Start(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets, int batchSamples)
        {
            _inputs = inputs;
            _targets = targets;
            _batchSamples = batchSamples;
            _start.Release();
        }

        public void Wait() => _done.Wait();

        public void Stop()
        {
            _stopping = true;
            _start.Release();
        }

        private void Run()
        {
            while (true)
            {
                _start.Wait();
                if (_stopping)
                {
                    return;
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Failure = null;
                    Network.ZeroGradients();
                    Loss = Network.BackwardPart(_inputs.Span, _targets.Span, _batchSamples);
                    AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
                }
                catch (Exception exception)
                {
                    Failure = exception;
                }
                finally
                {
                    _inputs = default;
                    _targets = default;
                    _done.Release();
                }
            }
        }
    }
}
