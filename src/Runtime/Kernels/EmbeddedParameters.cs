using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>
/// Reads parameters that the generator compiled into an assembly
/// (<c>[Network(Weights = "…")]</c>): the values of a safetensors file's tensors in the order of
/// the network's <c>Parameters</c>, little-endian, held in the assembly's read-only data.
/// </summary>
public static class EmbeddedParameters
{
    /// <summary>
    /// Copies the values in <paramref name="littleEndian"/> to <paramref name="destination"/>, exactly
    /// (bit for bit), on little- and big-endian machines alike.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="littleEndian">The compiled-in bytes.</param>
    /// <param name="destination">Receives the values; at least as many as the bytes hold.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static void Copy<T>(ReadOnlySpan<byte> littleEndian, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int size = typeof(T) == typeof(double) ? sizeof(double) : sizeof(float);
        int count = littleEndian.Length / size;
        NetworkArguments.AtLeast(destination.Length, count, nameof(destination));
        if (BitConverter.IsLittleEndian)
        {
            littleEndian.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }

        for (int i = 0; i < count; i++)
        {
            destination[i] = size == sizeof(double)
                ? T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(littleEndian.Slice(i * size, size)))
                : T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(littleEndian.Slice(i * size, size)));
        }
    }
}
