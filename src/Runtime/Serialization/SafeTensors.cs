using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace StaticNN.Serialization;

/// <summary>
/// Saves and loads a network's parameters in the safetensors format (an 8-byte little-endian
/// header length, a JSON header giving each tensor's dtype, shape and byte range, then the raw
/// little-endian data), with the tensor names of the equivalent PyTorch <c>nn.Sequential</c>'s
/// <c>state_dict</c>: <c>0.weight</c>, <c>0.bias</c>, then the next <c>nn.Linear</c>'s index, the
/// activation modules taking indices too (<c>Linear, ReLU, Linear</c> → <c>0.*</c>, <c>2.*</c>).
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// The largest header accepted (100 MB, the limit of the reference implementation). A file
    /// claiming more is refused before anything of that size is allocated.
    /// </summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>The most metadata entries accepted: metadata is a few strings, not data.</summary>
    private const int MaxMetadataEntries = 256;

    /// <summary>The most bytes of metadata keys and values accepted, as the file writes them.</summary>
    private const int MaxMetadataBytes = 65_536;

    /// <summary>The most dimensions a tensor's shape may have (the network's have one or two).</summary>
    private const int MaxDimensions = 8;

    /// <summary>The most tensors the network does not have that a header may list before it is refused.</summary>
    private const int MaxUnknownTensors = 16;

    /// <summary>The most characters of untrusted text an error message repeats.</summary>
    private const int MaxShown = 64;

    /// <summary>Returns the state_dict names of each layer's weight and bias, in layer order.</summary>
    /// <param name="layers">The network's layers.</param>
    /// <returns>One (weight, bias) pair per layer.</returns>
    public static IReadOnlyList<(string Weight, string Bias)> TensorNames(IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var names = new (string, string)[layers.Count];
        int module = 0;
        for (int k = 0; k < layers.Count; k++)
        {
            string index = module.ToString(CultureInfo.InvariantCulture);
            names[k] = (index + ".weight", index + ".bias");
            module += layers[k].Activation == Activation.Linear ? 1 : 2;
        }

        return names;
    }

    /// <summary>
    /// Writes the parameters to <paramref name="path"/> atomically: into a temporary file in the
    /// same folder, flushed to disk, then renamed over the target. A failure at any point leaves
    /// the target as it was (absent or with its old contents).
    /// </summary>
    /// <typeparam name="T">The element type; stored as F32 or F64.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void Save<T>(INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] header = Header(network);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            WriteLittleEndian(stream, network.Parameters);
        });
    }

    /// <summary>
    /// Reads parameters saved by <see cref="Save{T}"/> or by PyTorch (<c>safetensors.torch.save_file</c>
    /// of the equivalent <c>nn.Sequential</c>'s <c>state_dict</c>) into <paramref name="network"/>.
    /// Every tensor's name, dtype, shape and byte range is checked against the network first; on any
    /// mismatch nothing is changed.
    /// </summary>
    /// <remarks>
    /// The header is read strictly and within bounds that a hostile file cannot grow: valid UTF-8,
    /// exactly one JSON object (then only padding), each field of a tensor entry once, shapes of at most
    /// 8 dimensions, at most 16 tensors the network does not have, at most 256 metadata entries of
    /// 64 KiB in all, and no more than 64 characters of the file's text repeated in a message. So a
    /// load allocates about the file's length plus a fixed few kilobytes, whatever the file holds.
    /// </remarks>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="network">The network to load into.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">Whether dtypes may be converted; exact by default.</param>
    /// <returns>The file's metadata and the number of values that are NaN or infinite (loaded as they are).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is damaged or does not fit the network; the message names the tensor, what was expected and what came.</exception>
    public static SafeTensorsLoadResult Load<T>(INetwork<T> network, string path, SafeTensorsOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= SafeTensorsOptions.Default;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The safetensors file '{path}' does not exist.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long fileLength = stream.Length;
        Span<byte> lengthBytes = stackalloc byte[8];
        if (fileLength < 8 || stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
        {
            throw new SafeTensorsFormatException(path, $"expected at least 8 bytes (the header length) but the file has {fileLength}.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes)
        {
            throw new SafeTensorsFormatException(path, $"the header length {headerLength} exceeds the limit of {MaxHeaderBytes} bytes; the file is damaged or not a safetensors file.");
        }

        if (headerLength > (ulong)(fileLength - 8))
        {
            throw new SafeTensorsFormatException(path, $"the header length {headerLength} is larger than the {fileLength - 8} bytes after it.");
        }

        byte[] header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        long dataLength = fileLength - dataStart;

        // Check everything before reading any data, so a bad file changes nothing. The expected
        // tensors are checked in layer order, so the first difference is the one reported.
        IReadOnlyList<DenseLayer> layers = network.Layers;
        IReadOnlyList<(string Weight, string Bias)> names = TensorNames(layers);
        Dictionary<string, TensorEntry> tensors;
        Dictionary<string, string> metadata;
        try
        {
            (tensors, metadata) = ParseHeader(header, path, names.SelectMany(n => new[] { n.Weight, n.Bias }).ToArray());
        }
        catch (JsonException exception)
        {
            throw new SafeTensorsFormatException(path, $"the header is not valid JSON ({exception.Message}).", innerException: exception);
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader.GetString refuses an escaped lone surrogate (\uD800), which no UTF-8 string can hold.
            throw new SafeTensorsFormatException(path, $"the header has a string that is not valid Unicode ({exception.Message}).", innerException: exception);
        }

        string ownDtype = Dtype<T>();
        var expected = new List<(string Name, TensorEntry Entry, int Offset)>();
        void Check(string name, int offset, int[] shape)
        {
            TensorEntry entry = Require(tensors, name, path);
            if (entry.Dtype != ownDtype && !(options.AllowDtypeConversion && entry.Dtype is "F32" or "F64"))
            {
                string hint = entry.Dtype is "F32" or "F64" ? " (set SafeTensorsOptions.AllowDtypeConversion to convert)" : string.Empty;
                throw new SafeTensorsFormatException(path, $"expected dtype {ownDtype} but got {entry.Dtype}{hint}.", name);
            }

            if (!entry.Shape.SequenceEqual(shape))
            {
                throw new SafeTensorsFormatException(path, $"expected shape [{string.Join(", ", shape)}] but got [{string.Join(", ", entry.Shape)}].", name);
            }

            long bytes = shape.Aggregate(1L, (a, b) => a * b) * (entry.Dtype == "F64" ? 8 : 4);
            if (entry.Begin < 0 || entry.End < entry.Begin || entry.End > dataLength)
            {
                throw new SafeTensorsFormatException(path, $"its data_offsets [{entry.Begin}, {entry.End}] are not inside the {dataLength} data bytes.", name);
            }

            if (entry.End - entry.Begin != bytes)
            {
                throw new SafeTensorsFormatException(path, $"expected {bytes} bytes of data for shape [{string.Join(", ", shape)}] but data_offsets span {entry.End - entry.Begin}.", name);
            }

            expected.Add((name, entry, offset));
        }

        for (int k = 0; k < layers.Count; k++)
        {
            Check(names[k].Weight, layers[k].WeightOffset, [layers[k].Outputs, layers[k].Inputs]);
            Check(names[k].Bias, layers[k].BiasOffset, [layers[k].Outputs]);
        }

        foreach (string name in tensors.Keys)
        {
            if (!expected.Any(e => e.Name == name))
            {
                throw new SafeTensorsFormatException(path, $"the network has no such tensor; it expects {string.Join(", ", expected.Select(e => e.Name))}.", name);
            }
        }

        var ordered = expected.OrderBy(e => e.Entry.Begin).ToArray();
        for (int i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Entry.Begin < ordered[i - 1].Entry.End)
            {
                throw new SafeTensorsFormatException(path, $"its data [{ordered[i].Entry.Begin}, {ordered[i].Entry.End}] overlaps tensor '{ordered[i - 1].Name}' [{ordered[i - 1].Entry.Begin}, {ordered[i - 1].Entry.End}].", ordered[i].Name);
            }
        }

        // Read into a staging copy, then copy to the network in one step.
        var staging = new T[network.ParameterCount];
        foreach ((_, TensorEntry entry, int offset) in expected)
        {
            stream.Position = dataStart + entry.Begin;
            ReadValues(stream, entry.Dtype, staging.AsSpan(offset, (int)((entry.End - entry.Begin) / (entry.Dtype == "F64" ? 8 : 4))));
        }

        int nonFinite = 0;
        foreach (T value in staging)
        {
            if (!T.IsFinite(value))
            {
                nonFinite++;
            }
        }

        staging.CopyTo(network.Parameters);
        return new SafeTensorsLoadResult(metadata, nonFinite);
    }

    private static TensorEntry Require(Dictionary<string, TensorEntry> tensors, string name, string path) =>
        tensors.TryGetValue(name, out TensorEntry? entry)
            ? entry
            : throw new SafeTensorsFormatException(path, $"the network expects this tensor but the file has only {(tensors.Count == 0 ? "none" : string.Join(", ", tensors.Keys))}.", name);

    private static string Dtype<T>() => typeof(T) == typeof(double) ? "F64" : "F32";

    private static byte[] Header<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        IReadOnlyList<DenseLayer> layers = network.Layers;
        IReadOnlyList<(string Weight, string Bias)> names = TensorNames(layers);
        int size = typeof(T) == typeof(double) ? 8 : 4;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            json.WriteString("format", "pt");
            json.WriteString("producer", "StaticNN");
            json.WriteString("architecture", string.Join(" ", layers.Select(l => $"Dense({l.Inputs},{l.Outputs},{l.Activation})")));
            json.WriteString("loss", network.Loss.ToString());
            json.WriteEndObject();
            for (int k = 0; k < layers.Count; k++)
            {
                DenseLayer layer = layers[k];
                WriteTensor(json, names[k].Weight, Dtype<T>(), [layer.Outputs, layer.Inputs], (long)layer.WeightOffset * size, (long)layer.BiasOffset * size);
                WriteTensor(json, names[k].Bias, Dtype<T>(), [layer.Outputs], (long)layer.BiasOffset * size, ((long)layer.BiasOffset + layer.Outputs) * size);
            }

            json.WriteEndObject();
        }

        // Pad with spaces so the data starts 8-byte aligned, as the reference implementation does.
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteTensor(Utf8JsonWriter json, string name, string dtype, int[] shape, long begin, long end)
    {
        json.WriteStartObject(name);
        json.WriteString("dtype", dtype);
        json.WriteStartArray("shape");
        foreach (int dimension in shape)
        {
            json.WriteNumberValue(dimension);
        }

        json.WriteEndArray();
        json.WriteStartArray("data_offsets");
        json.WriteNumberValue(begin);
        json.WriteNumberValue(end);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// Reads the header strictly and within bounds that do not grow with a hostile file: valid UTF-8,
    /// exactly one JSON object, each field of a tensor once, numbers where numbers belong, a tensor
    /// the network does not have refused as soon as it is read, and at most
    /// <see cref="MaxMetadataEntries"/> metadata entries of <see cref="MaxMetadataBytes"/> bytes.
    /// </summary>
    private static (Dictionary<string, TensorEntry> Tensors, Dictionary<string, string> Metadata) ParseHeader(byte[] header, string path, IReadOnlyCollection<string> expected)
    {
        int invalid = Utf8Invalid(header);
        if (invalid >= 0)
        {
            throw new SafeTensorsFormatException(path, $"the header is not valid UTF-8 (byte {invalid} of the header).");
        }

        var tensors = new Dictionary<string, TensorEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        bool hasMetadata = false;
        int unknown = 0;
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 8 });
        Expect(ref reader, JsonTokenType.StartObject, path, "the header to be a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(MetadataKey))
            {
                if (hasMetadata)
                {
                    throw new SafeTensorsFormatException(path, "the header has __metadata__ twice.");
                }

                hasMetadata = true;
                ParseMetadata(ref reader, path, metadata);
                continue;
            }

            string name = ReadName(ref reader, path, expected, ref unknown);
            if (tensors.ContainsKey(name))
            {
                throw new SafeTensorsFormatException(path, "the header names this tensor twice.", name);
            }

            tensors[name] = ParseTensor(ref reader, path, name);
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new SafeTensorsFormatException(path, "the header's JSON object is not closed.");
        }

        // Only whitespace (the format's padding) may follow; the reader throws JsonException on anything else.
        if (reader.Read())
        {
            throw new SafeTensorsFormatException(path, $"expected the header to end after its JSON object but found {reader.TokenType}.");
        }

        return (tensors, metadata);
    }

    /// <summary>
    /// A tensor's name. Names the network does not have are kept (cut short) so that the checks in
    /// layer order can report the first difference, but only a few of them: a header listing more
    /// is refused before it can grow the tables.
    /// </summary>
    private static string ReadName(ref Utf8JsonReader reader, string path, IReadOnlyCollection<string> expected, ref int unknown)
    {
        foreach (string name in expected)
        {
            if (reader.ValueTextEquals(name))
            {
                return name;
            }
        }

        string shown = Shown(ref reader);
        if (++unknown > MaxUnknownTensors)
        {
            throw new SafeTensorsFormatException(path, $"the header lists more than {MaxUnknownTensors} tensors the network does not have; it expects {string.Join(", ", expected)}.", shown);
        }

        // A name cut short may equal another cut the same way; only a name shown whole can be a repeat.
        return shown.Length < MaxShown ? shown : $"{shown} #{unknown}";
    }

    private static void ParseMetadata(ref Utf8JsonReader reader, string path, Dictionary<string, string> metadata)
    {
        Expect(ref reader, JsonTokenType.StartObject, path, "__metadata__ to be an object of strings");
        long bytes = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bytes += reader.ValueSpan.Length;
            if (metadata.Count == MaxMetadataEntries || bytes > MaxMetadataBytes)
            {
                throw new SafeTensorsFormatException(path, $"expected at most {MaxMetadataEntries} metadata entries of {MaxMetadataBytes} bytes in all, but __metadata__ holds more.");
            }

            string key = reader.GetString()!;
            if (metadata.ContainsKey(key))
            {
                throw new SafeTensorsFormatException(path, $"__metadata__ has the key '{Shown(key)}' twice.");
            }

            Expect(ref reader, JsonTokenType.String, path, $"metadata '{Shown(key)}' to be a string");
            bytes += reader.ValueSpan.Length;
            if (bytes > MaxMetadataBytes)
            {
                throw new SafeTensorsFormatException(path, $"expected at most {MaxMetadataEntries} metadata entries of {MaxMetadataBytes} bytes in all, but __metadata__ holds more.");
            }

            metadata[key] = reader.GetString()!;
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new SafeTensorsFormatException(path, $"expected __metadata__ to be an object of strings but found {reader.TokenType}.");
        }
    }

    private static TensorEntry ParseTensor(ref Utf8JsonReader reader, string path, string name)
    {
        Expect(ref reader, JsonTokenType.StartObject, path, "an object of dtype, shape and data_offsets", name);
        string? dtype = null;
        int[]? shape = null;
        long[]? offsets = null;
        Span<int> dimensions = stackalloc int[MaxDimensions];
        Span<long> values = stackalloc long[2];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("dtype"))
            {
                Once(dtype, "dtype", path, name);
                Expect(ref reader, JsonTokenType.String, path, "dtype to be a string", name);

                // Dtype names are a few characters; a longer one is shown cut short, never kept whole.
                dtype = reader.ValueSpan.Length <= 16 ? reader.GetString()! : Shown(ref reader);
            }
            else if (reader.ValueTextEquals("shape"))
            {
                Once(shape, "shape", path, name);
                Expect(ref reader, JsonTokenType.StartArray, path, "shape to be an array", name);
                int count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (count == MaxDimensions)
                    {
                        throw new SafeTensorsFormatException(path, $"expected a shape of at most {MaxDimensions} dimensions but it has more.", name);
                    }

                    dimensions[count++] = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int dimension) && dimension >= 0
                        ? dimension
                        : throw new SafeTensorsFormatException(path, $"expected shape dimensions that are non-negative 32-bit integers but found {Token(ref reader)}.", name);
                }

                shape = dimensions[..count].ToArray();
            }
            else if (reader.ValueTextEquals("data_offsets"))
            {
                Once(offsets, "data_offsets", path, name);
                Expect(ref reader, JsonTokenType.StartArray, path, "data_offsets to be an array", name);
                int count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (count == 2)
                    {
                        throw new SafeTensorsFormatException(path, "expected data_offsets [begin, end] but got more than 2 numbers.", name);
                    }

                    values[count++] = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long offset)
                        ? offset
                        : throw new SafeTensorsFormatException(path, $"expected data_offsets that are 64-bit integers but found {Token(ref reader)}.", name);
                }

                offsets = count == 2 ? [values[0], values[1]] : throw new SafeTensorsFormatException(path, $"expected data_offsets [begin, end] but got {count} numbers.", name);
            }
            else
            {
                // Other fields are allowed and ignored, but must be well-formed JSON.
                reader.Skip();
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw new SafeTensorsFormatException(path, "expected dtype, shape and data_offsets.", name);
        }

        return new TensorEntry(dtype, shape, offsets[0], offsets[1]);
    }

    private static void Once(object? value, string field, string path, string tensor)
    {
        if (value is not null)
        {
            throw new SafeTensorsFormatException(path, $"the entry gives {field} twice.", tensor);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path, string what, string? tensor = null)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new SafeTensorsFormatException(path, $"expected {what} but found {reader.TokenType}.", tensor);
        }
    }

    /// <summary>The current token as the file writes it, cut short if long: what a message may repeat of untrusted text.</summary>
    private static string Token(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => Shown(Encoding.UTF8.GetString(reader.ValueSpan[..Math.Min(reader.ValueSpan.Length, MaxShown)])),
        JsonTokenType.String => $"\"{Shown(ref reader)}\"",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>The current string token, decoded, cut to <see cref="MaxShown"/> characters.</summary>
    private static string Shown(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length <= MaxShown * 6 && !reader.HasValueSequence)
        {
            return Shown(reader.GetString()!);
        }

        return Shown(Encoding.UTF8.GetString(reader.ValueSpan[..MaxShown])) + $" ({reader.ValueSpan.Length} bytes)";
    }

    private static string Shown(string text) => text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "…");

    /// <summary>The index of the first byte that is not valid UTF-8, or −1: one pass over the bytes.</summary>
    private static int Utf8Invalid(ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        while (at < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[at..], out _, out int consumed) != OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return -1;
    }

    private static void WriteLittleEndian<T>(Stream stream, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> bytes = stackalloc byte[8];
        foreach (T value in values)
        {
            if (typeof(T) == typeof(double))
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, double.CreateTruncating(value));
                stream.Write(bytes);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes, float.CreateTruncating(value));
                stream.Write(bytes[..4]);
            }
        }
    }

    private static void ReadValues<T>(Stream stream, string dtype, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (dtype == Dtype<T>() && BitConverter.IsLittleEndian)
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(destination));
            return;
        }

        // A converting or big-endian read, value by value through a small buffer.
        int size = dtype == "F64" ? 8 : 4;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096 * size);
        try
        {
            for (int start = 0; start < destination.Length; start += 4096)
            {
                int count = Math.Min(4096, destination.Length - start);
                Span<byte> bytes = buffer.AsSpan(0, count * size);
                stream.ReadExactly(bytes);
                for (int i = 0; i < count; i++)
                {
                    destination[start + i] = size == 8
                        ? T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * 8, 8)))
                        : T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4, 4)));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record TensorEntry(string Dtype, int[] Shape, long Begin, long End);
}
