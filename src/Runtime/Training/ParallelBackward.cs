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
/// thread alone (and so equal <see cref="INetwork{T}.Backward"/> bit for bit). Calls from several
/// threads are serialised. If a part throws, the network's gradients are left as they were (the
/// parts are computed on workers and added only when all succeeded). Dispose the instance to end
/// its threads (a finalizer ends them for an instance that was never disposed).
/// </remarks>
public sealed class ParallelBackward<T> : IDisposable
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The fewest samples a thread gets; below that, the hand-over costs more than it saves.</summary>
    public const int MinimumSamplesPerThread = 32;

    private readonly INetwork<T> _network;

    // The calling thread's own part runs on a worker too, so that the network's gradients change
    // only once every part has succeeded.
    private readonly INetwork<T> _local;
    private readonly Worker[] _workers;

    // Held for the whole of a call and by Dispose, so that Dispose waits for a call in progress.
    private readonly object _gate = new();
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
        _local = network.CreateWorker();
        _workers = new Worker[threads - 1];
        try
        {
            for (int w = 0; w < _workers.Length; w++)
            {
                _workers[w] = new Worker(network.CreateWorker(), w + 1);
            }
        }
        catch
        {
            StopWorkers();
            throw;
        }
    }

    /// <summary>Ends the worker threads of an instance that was not disposed.</summary>
    ~ParallelBackward() => StopWorkers();

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
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return BackwardCore(inputs, targets);
        }
    }

    private T BackwardCore(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets)
    {
        int samples = Kernels.NetworkArguments.SampleCount(inputs.Length, _network.InputSize, nameof(inputs));
        Kernels.NetworkArguments.TargetLength(targets.Length, samples, _network.OutputSize, nameof(targets));
        int threads = Math.Min(Threads, samples / MinimumSamplesPerThread);
        if (threads <= 1)
        {
            return _network.Backward(inputs.Span, targets.Span);
        }

        // Part p holds samples [p·n/threads, (p+1)·n/threads): fixed by the batch size alone. Part 0
        // runs here, the others on the worker threads.
        int inputSize = _network.InputSize, outputSize = _network.OutputSize;
        int started = 0;
        Exception? failure = null;
        T ownLoss = T.Zero;
        try
        {
            for (int p = 1; p < threads; p++)
            {
                (int first, int count) = Part(p, threads, samples);
                _workers[p - 1].Start(inputs.Slice(first * inputSize, count * inputSize), targets.Slice(first * outputSize, count * outputSize), samples);
                started++;
            }

            (_, int ownCount) = Part(0, threads, samples);
            _local.ZeroGradients();
            ownLoss = _local.BackwardPart(inputs.Span[..(ownCount * inputSize)], targets.Span[..(ownCount * outputSize)], samples);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            // Every started part is waited for, whatever happened, so no worker is left running.
            for (int p = 0; p < started; p++)
            {
                _workers[p].Wait();
            }
        }

        for (int p = 0; p < started && failure is null; p++)
        {
            failure = _workers[p].Failure;
        }

        if (failure is not null)
        {
            // The network's gradients are untouched: the parts were computed apart from them.
            ExceptionDispatchInfo.Throw(failure);
        }

        // Add the parts in part order: the order, and so the result, is fixed.
        Span<T> gradients = _network.Gradients;
        Add(_local.Gradients, gradients);
        T loss = ownLoss;
        for (int p = 0; p < started; p++)
        {
            Add(_workers[p].Network.Gradients, gradients);
            loss += _workers[p].Loss;
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
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Kernels.NetworkArguments.LearningRate(learningRate, nameof(learningRate));
            int samples = Kernels.NetworkArguments.SampleCount(inputs.Length, _network.InputSize, nameof(inputs));
            Kernels.NetworkArguments.TargetLength(targets.Length, samples, _network.OutputSize, nameof(targets));
            _network.ZeroGradients();
            T loss = BackwardCore(inputs, targets);
            _network.Update(learningRate);
            return loss;
        }
    }

    /// <summary>Ends the worker threads, after a call in progress on another thread has returned.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            StopWorkers();
        }

        GC.SuppressFinalize(this);
    }

    private void StopWorkers()
    {
        foreach (Worker? worker in _workers ?? [])
        {
            worker?.Stop();
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
        private bool _hasPart;

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
            _hasPart = true;
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
                if (!_hasPart)
                {
                    // Woken without a part: only Stop does that.
                    if (_stopping)
                    {
                        return;
                    }

                    continue;
                }

                _hasPart = false;

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
