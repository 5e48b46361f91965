using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>
/// Reads parameters that the generator compiled into an assembly
/// (<c>[Network(Weights = "…")]</c>): each tensor's little-endian bytes, as the safetensors file
/// stores them, base64-encoded in a UTF-8 string literal. The compiler keeps such a literal in the
/// assembly's read-only data, so reading it allocates nothing; and one literal per tensor compiles
/// far faster than an array initializer with an element per byte.
/// </summary>
public static class EmbeddedParameters
{
    /// <summary>
    /// Decodes one tensor's values from <paramref name="base64"/> into <paramref name="destination"/>,
    /// exactly (bit for bit), on little- and big-endian machines alike.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="base64">The tensor's little-endian bytes in base64 (RFC 4648), as UTF-8.</param>
    /// <param name="destination">Receives exactly the values the data holds.</param>
    /// <exception cref="ArgumentException">The data is not base64 of exactly <paramref name="destination"/>'s length of values.</exception>
    public static void Decode<T>(ReadOnlySpan<byte> base64, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        OperationStatus status = Base64.DecodeFromUtf8(base64, bytes, out int consumed, out int written);
        if (status != OperationStatus.Done || consumed != base64.Length || written != bytes.Length)
        {
            throw new ArgumentException(
                $"Expected the base64 of {destination.Length} values ({bytes.Length} bytes) but decoding gave {status} after {written} bytes; the compiled-in data does not match the network.",
                nameof(base64));
        }

        if (!BitConverter.IsLittleEndian)
        {
            if (typeof(T) == typeof(double))
            {
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(bytes), MemoryMarshal.Cast<byte, ulong>(bytes));
            }
            else
            {
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(bytes), MemoryMarshal.Cast<byte, uint>(bytes));
            }
        }
    }
}
