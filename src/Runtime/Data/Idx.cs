using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Numerics;

namespace StaticNN.Data;

/// <summary>
/// Reads IDX files, the format of the MNIST database: a big-endian header (two zero bytes, the
/// element type, the number of dimensions, then each dimension as a 32-bit integer) followed by
/// the elements. Gzip-compressed files (<c>.gz</c>, recognised by their first bytes) are
/// decompressed on the fly. StaticNN reads unsigned-byte files (element type 0x08), the type of
/// images and labels.
/// </summary>
public static class Idx
{
    /// <summary>The most elements a file may declare (1 GiB of bytes); a larger header is treated as damaged, before anything is allocated.</summary>
    public const long MaxElements = 1L << 30;

    /// <summary>Reads an unsigned-byte IDX file.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <returns>The dimensions and the elements, row-major.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not an IDX header, the element type is not unsigned byte, or the file is shorter than its header says; the message names the file.</exception>
    public static IdxData Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The IDX file '{path}' does not exist.", path);
        }

        using FileStream file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int peeked = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        bool gzip = peeked == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path);
        }
        catch (Exception exception) when (gzip && exception is IOException or InvalidDataException && !exception.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // GZipStream's own errors do not name the file.
            throw new InvalidDataException($"{path}: the gzip data is damaged ({exception.Message}).", exception);
        }
    }

    private static IdxData Read(Stream stream, string path)
    {
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path, "the 4-byte IDX header");
        if (header[0] != 0 || header[1] != 0)
        {
            throw new InvalidDataException($"{path}: expected an IDX file, whose first two bytes are 0, but got 0x{header[0]:X2} 0x{header[1]:X2}.");
        }

        if (header[2] != 0x08)
        {
            throw new InvalidDataException($"{path}: expected element type 0x08 (unsigned byte) but got 0x{header[2]:X2}.");
        }

        int rank = header[3];
        if (rank == 0)
        {
            throw new InvalidDataException($"{path}: expected at least one dimension but the header declares none.");
        }

        int[] dimensions = new int[rank];
        Span<byte> size = stackalloc byte[4];
        long elements = 1;
        for (int d = 0; d < rank; d++)
        {
            ReadExactly(stream, size, path, $"dimension {d + 1} of {rank}");
            uint dimension = BinaryPrimitives.ReadUInt32BigEndian(size);
            elements *= dimension;
            if (dimension > int.MaxValue || elements > MaxElements)
            {
                throw new InvalidDataException($"{path}: the header declares more than {MaxElements} elements; the file is damaged or not an IDX file.");
            }

            dimensions[d] = (int)dimension;
        }

        byte[] data = new byte[elements];
        ReadExactly(stream, data, path, $"{elements} elements ({string.Join(" × ", dimensions)})");
        return new IdxData(dimensions, data);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException($"{path}: the file ends early: expected {what} but only {read} of {buffer.Length} bytes are there.");
        }
    }
}

/// <summary>The contents of an unsigned-byte IDX file.</summary>
/// <param name="Dimensions">The sizes, outermost first: for MNIST images [count, rows, columns], for labels [count].</param>
/// <param name="Data">The elements, row-major.</param>
public sealed record IdxData(int[] Dimensions, byte[] Data)
{
    /// <summary>Gets the number of items: the first dimension.</summary>
    public int Count => Dimensions[0];

    /// <summary>Gets the number of elements per item: the product of the other dimensions.</summary>
    public int ItemSize => Data.Length / Math.Max(1, Count);

    /// <summary>Converts every element to T, divided by <paramref name="scale"/> (255 maps pixels to [0, 1]).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="scale">The divisor; positive.</param>
    /// <returns>Count × <see cref="ItemSize"/> values.</returns>
    public T[] ToValues<T>(double scale = 255)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var values = new T[Data.Length];
        for (int i = 0; i < Data.Length; i++)
        {
            values[i] = T.CreateTruncating(Data[i] / scale);
        }

        return values;
    }

    /// <summary>Turns labels (one element per item) into one-hot rows of <paramref name="classes"/> values.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="classes">The number of classes; every label must be below it.</param>
    /// <returns>Count × <paramref name="classes"/> values.</returns>
    /// <exception cref="InvalidOperationException">The items are not single labels, or a label is not below <paramref name="classes"/>.</exception>
    public T[] ToOneHot<T>(int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (Dimensions.Length != 1)
        {
            throw new InvalidOperationException($"Expected labels, one element per item, but the data has {Dimensions.Length} dimensions.");
        }

        var oneHot = new T[(long)Count * classes];
        for (int i = 0; i < Count; i++)
        {
            if (Data[i] >= classes)
            {
                throw new InvalidOperationException($"Expected labels below {classes} but item {i} has label {Data[i]}.");
            }

            oneHot[(i * classes) + Data[i]] = T.One;
        }

        return oneHot;
    }
}
