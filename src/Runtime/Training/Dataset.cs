using System;
using System.Numerics;

namespace StaticNN.Training;

/// <summary>
/// Samples for training or evaluation: inputs and targets, each stored row-major, one row per
/// sample. The arrays are not copied; the dataset only reads them.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Dataset<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates a dataset over <paramref name="inputs"/> and <paramref name="targets"/>.</summary>
    /// <param name="inputs">Count × <paramref name="inputSize"/> values.</param>
    /// <param name="targets">Count × <paramref name="targetSize"/> values.</param>
    /// <param name="inputSize">Values per input sample.</param>
    /// <param name="targetSize">Values per target sample.</param>
    /// <exception cref="ArgumentException">A size is not positive, a length is not a whole number of samples, the counts differ, or there are no samples.</exception>
    public Dataset(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets, int inputSize, int targetSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (inputs.Length == 0 || inputs.Length % inputSize != 0)
        {
            throw new ArgumentException($"Expected one or more whole samples of {inputSize} values but got length {inputs.Length}.", nameof(inputs));
        }

        int count = inputs.Length / inputSize;
        if (targets.Length != (long)count * targetSize)
        {
            throw new ArgumentException(
                $"Expected length {(long)count * targetSize} ({count} samples × {targetSize} values) but got length {targets.Length}.",
                nameof(targets));
        }

        Inputs = inputs;
        Targets = targets;
        InputSize = inputSize;
        TargetSize = targetSize;
        Count = count;
    }

    /// <summary>Gets all inputs, row-major.</summary>
    public ReadOnlyMemory<T> Inputs { get; }

    /// <summary>Gets all targets, row-major.</summary>
    public ReadOnlyMemory<T> Targets { get; }

    /// <summary>Gets the number of values per input sample.</summary>
    public int InputSize { get; }

    /// <summary>Gets the number of values per target sample.</summary>
    public int TargetSize { get; }

    /// <summary>Gets the number of samples.</summary>
    public int Count { get; }

    /// <summary>Gets the input of sample <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> − 1.</param>
    /// <returns>Its <see cref="InputSize"/> values.</returns>
    public ReadOnlySpan<T> Input(int index) => Inputs.Span.Slice(checked(index * InputSize), InputSize);

    /// <summary>Gets the target of sample <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> − 1.</param>
    /// <returns>Its <see cref="TargetSize"/> values.</returns>
    public ReadOnlySpan<T> Target(int index) => Targets.Span.Slice(checked(index * TargetSize), TargetSize);

    /// <summary>Returns samples <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1, without copying.</summary>
    /// <param name="start">The first sample.</param>
    /// <param name="count">The number of samples; positive.</param>
    /// <returns>A dataset over the same memory.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or not inside the dataset.</exception>
    public Dataset<T> Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start);
        return new Dataset<T>(
            Inputs.Slice(start * InputSize, count * InputSize),
            Targets.Slice(start * TargetSize, count * TargetSize),
            InputSize,
            TargetSize);
    }
}
