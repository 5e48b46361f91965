using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNN.Generator.Weights;

/// <summary>One tensor of a safetensors header: its dtype, shape and byte range within the data.</summary>
internal sealed record SafeTensorsEntry(string Name, string Dtype, long[] Shape, long Begin, long End);

/// <summary>
/// The parsed header of a safetensors file (an 8-byte little-endian header length, a JSON header,
/// then the data), with every structural rule checked: the header fits the file, each tensor has a
/// string dtype, a shape of non-negative integers and two ordered data offsets inside the data.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> tensors, int dataStart)
    {
        Tensors = tensors;
        DataStart = dataStart;
    }

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<SafeTensorsEntry> Tensors { get; }

    /// <summary>Where the data section starts in the file.</summary>
    public int DataStart { get; }

    /// <summary>Parses the header of <paramref name="file"/>.</summary>
    /// <exception cref="WeightsFormatException">The file is not a well-formed safetensors file.</exception>
    public static SafeTensorsHeader Parse(byte[] file)
    {
        if (file.Length < 8)
        {
            throw new WeightsFormatException($"it has {file.Length} bytes, fewer than the 8 of the header length");
        }

        ulong headerLength = BitConverter.ToUInt64(file, 0);
        if (!BitConverter.IsLittleEndian)
        {
            headerLength = ReverseBytes(headerLength);
        }

        if (headerLength > (ulong)(file.Length - 8))
        {
            throw new WeightsFormatException($"its header length {headerLength.ToString(CultureInfo.InvariantCulture)} is larger than the {(file.Length - 8).ToString(CultureInfo.InvariantCulture)} bytes after it");
        }

        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file, 8, (int)headerLength);
        }
        catch (DecoderFallbackException)
        {
            throw new WeightsFormatException("its header is not UTF-8 text");
        }

        if (JsonReader.Parse(json) is not JsonObject root)
        {
            throw new WeightsFormatException("its header is not a JSON object");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = file.Length - dataStart;
        var tensors = new List<SafeTensorsEntry>();
        foreach (string name in root.Keys)
        {
            if (name == "__metadata__")
            {
                continue;
            }

            tensors.Add(ReadEntry(name, root[name], dataLength));
        }

        return new SafeTensorsHeader(tensors, dataStart);
    }

    private static SafeTensorsEntry ReadEntry(string name, object? value, long dataLength)
    {
        if (value is not JsonObject tensor)
        {
            throw new WeightsFormatException($"tensor '{name}' is not a JSON object");
        }

        if (!tensor.TryGetValue("dtype", out object? dtype) || dtype is not string dtypeText)
        {
            throw new WeightsFormatException($"tensor '{name}' has no string dtype");
        }

        long[] shape = Integers(tensor, "shape", name);
        long[] offsets = Integers(tensor, "data_offsets", name);
        foreach (long dimension in shape)
        {
            if (dimension < 0)
            {
                throw new WeightsFormatException($"tensor '{name}' has a negative dimension in its shape");
            }
        }

        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
        {
            throw new WeightsFormatException($"tensor '{name}' has data_offsets [{string.Join(", ", offsets)}], not a range inside the {dataLength.ToString(CultureInfo.InvariantCulture)} data bytes");
        }

        return new SafeTensorsEntry(name, dtypeText, shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonObject tensor, string field, string name)
    {
        if (!tensor.TryGetValue(field, out object? value) || value is not List<object?> items)
        {
            throw new WeightsFormatException($"tensor '{name}' has no {field} array");
        }

        long[] result = new long[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            result[i] = items[i] is JsonNumber number && number.AsInt64() is { } integer
                ? integer
                : throw new WeightsFormatException($"tensor '{name}' has a {field} entry that is not a 64-bit integer");
        }

        return result;
    }

    private static ulong ReverseBytes(ulong value)
    {
        ulong result = 0;
        for (int i = 0; i < 8; i++)
        {
            result = (result << 8) | (value & 0xFF);
            value >>= 8;
        }

        return result;
    }
}
