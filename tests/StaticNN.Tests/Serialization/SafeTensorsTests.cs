using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using StaticNN.Serialization;

namespace StaticNN.Tests.Serialization;

/// <summary>
/// Proves the safetensors format as PyTorch writes it: the byte layout, the state_dict names, a
/// round trip, every check on load (each refusing with the tensor, the expected and the actual
/// value, and leaving the network unchanged), and the atomic save.
/// </summary>
public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnn-st-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Tensor_names_are_those_of_the_equivalent_nn_Sequential()
    {
        Assert.Equal([("0.weight", "0.bias"), ("2.weight", "2.bias"), ("4.weight", "4.bias")], SafeTensors.TensorNames(((INetwork<float>)new SaveFloat()).Layers));
        Assert.Equal([("0.weight", "0.bias"), ("1.weight", "1.bias")], SafeTensors.TensorNames(((INetwork<float>)new SaveLinearPair()).Layers));
    }

    [Fact]
    public void The_file_is_a_little_endian_length_a_json_header_and_the_raw_parameters()
    {
        var network = new SaveFloat(seed: 1);
        string path = Path.Combine(_folder, "model.safetensors");
        network.Save(path);

        byte[] file = File.ReadAllBytes(path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, (8 + headerLength) % 8);
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
        JsonElement root = header.RootElement;

        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        Assert.Equal("Dense(5,4,ReLU) Dense(4,3,Tanh) Dense(3,2,Sigmoid)", root.GetProperty("__metadata__").GetProperty("architecture").GetString());
        JsonElement weight = root.GetProperty("2.weight");
        Assert.Equal("F32", weight.GetProperty("dtype").GetString());
        Assert.Equal([3, 4], weight.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([96, 144], weight.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(7, root.EnumerateObject().Count());

        byte[] data = file[(8 + (int)headerLength)..];
        Assert.Equal(MemoryMarshal.AsBytes(network.Parameters).ToArray(), data);
    }

    [Fact]
    public void Save_then_load_restores_every_parameter_bitwise()
    {
        string path = Path.Combine(_folder, "round.safetensors");
        new SaveDouble(seed: 2).Save(path);
        var loaded = new SaveDouble(seed: 3);
        SafeTensorsLoadResult result = loaded.Load(path);
        Assert.Equal(new SaveDouble(seed: 2).Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(0, result.NonFiniteValues);
        Assert.Equal("Mse", result.Metadata["loss"]);
    }

    [Fact]
    public void Dtypes_convert_only_on_request()
    {
        string path = Path.Combine(_folder, "f64.safetensors");
        var source = new SaveDouble(seed: 4);
        source.Save(path);

        var target = new SaveFloat(seed: 5);
        float[] before = target.Parameters.ToArray();
        var exception = Assert.Throws<SafeTensorsFormatException>(() => target.Load(path));
        Assert.Contains("expected dtype F32 but got F64", exception.Message, StringComparison.Ordinal);
        Assert.Equal("0.weight", exception.Tensor);
        Assert.Equal(before, target.Parameters.ToArray());

        target.Load(path, new SafeTensorsOptions { AllowDtypeConversion = true });
        Assert.Equal(source.Parameters.ToArray().Select(v => (float)v), target.Parameters.ToArray());
    }

    [Fact]
    public void Non_finite_values_load_and_are_counted()
    {
        var network = new SaveFloat(seed: 6);
        network.Parameters[0] = float.NaN;
        network.Parameters[5] = float.PositiveInfinity;
        string path = Path.Combine(_folder, "nan.safetensors");
        network.Save(path);
        var loaded = new SaveFloat();
        Assert.Equal(2, loaded.Load(path).NonFiniteValues);
        Assert.True(float.IsNaN(loaded.Parameters[0]));
    }

    public static TheoryData<string, Func<byte[], byte[]>, string, string?> Damaged => new()
    {
        { "a tensor missing", f => EditHeader(f, h => h.Replace("\"4.bias\"", "\"9.bias\"", StringComparison.Ordinal)), "expects this tensor but the file has only", "4.bias" },
        { "an extra tensor", f => EditHeader(f, h => h.Replace("\"__metadata__\"", "\"6.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"__metadata__\"", StringComparison.Ordinal)), "has no such tensor", "6.bias" },
        { "a shape wrong", f => EditHeader(f, h => h.Replace("\"shape\":[3,4]", "\"shape\":[4,3]", StringComparison.Ordinal)), "expected shape [3, 4] but got [4, 3]", "2.weight" },
        { "an unknown dtype", f => EditHeader(f, h => h.Replace("\"F32\"", "\"BF16\"", StringComparison.Ordinal)), "expected dtype F32 but got BF16", "0.weight" },
        { "offsets past the end", f => EditHeader(f, h => h.Replace("[180,188]", "[180,999]", StringComparison.Ordinal)), "not inside the 188 data bytes", "4.bias" },
        { "offsets too short", f => EditHeader(f, h => h.Replace("[180,188]", "[180,184]", StringComparison.Ordinal)), "expected 8 bytes", "4.bias" },
        { "overlapping data", f => EditHeader(f, h => h.Replace("[156,180]", "[152,176]", StringComparison.Ordinal)), "overlaps", "4.weight" },
        { "a duplicate tensor", f => EditHeader(f, h => h.Replace("\"__metadata__\"", "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[80,96]},\"__metadata__\"", StringComparison.Ordinal)), "twice", "0.bias" },
        { "invalid JSON", f => EditHeader(f, h => h.Replace("}}", "}", StringComparison.Ordinal)), "not valid JSON", null },
        { "a truncated file", f => f[..20], "header length", null },
        { "only 5 bytes", f => f[..5], "at least 8 bytes", null },
        { "a header longer than the file", f => WithLength(f, (ulong)f.Length), "larger than", null },
        { "a hostile header length", f => WithLength(f, ulong.MaxValue), "exceeds the limit", null },
        { "a huge but plausible header length", f => WithLength(f, 90_000_000), "larger than", null },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void Damaged_or_mismatched_files_are_refused_and_change_nothing(string what, Func<byte[], byte[]> damage, string message, string? tensor)
    {
        var source = new SaveFloat(seed: 7);
        string path = Path.Combine(_folder, "damaged.safetensors");
        source.Save(path);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(path)));

        var network = new SaveFloat(seed: 8);
        network.Backward(new float[5], new float[2]);
        float[] parameters = network.Parameters.ToArray(), gradients = network.Gradients.ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();

        var exception = Assert.ThrowsAny<Exception>(() => network.Load(path));
        Assert.True(exception is SafeTensorsFormatException, $"{what}: {exception}");
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        if (tensor is not null)
        {
            Assert.Equal(tensor, ((SafeTensorsFormatException)exception).Tensor);
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, $"{what}: allocated more than 1 MiB for a small file");
        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(gradients, network.Gradients.ToArray());
    }

    [Fact]
    public void Loading_another_architecture_names_the_first_tensor_that_differs()
    {
        string path = Path.Combine(_folder, "other.safetensors");
        new SaveLinearPair().Save(path);
        var exception = Assert.Throws<SafeTensorsFormatException>(() => new SaveFloat().Load(path));
        Assert.Equal("0.weight", exception.Tensor);
        Assert.Contains("expected shape [4, 5] but got [6, 3]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_replaces_the_target_only_when_the_new_file_is_complete()
    {
        string path = Path.Combine(_folder, "atomic.safetensors");
        new SaveFloat(seed: 1).Save(path);
        byte[] first = File.ReadAllBytes(path);
        new SaveFloat(seed: 2).Save(path);
        Assert.NotEqual(first, File.ReadAllBytes(path));

        // A target that cannot be replaced (a folder) fails the final rename: nothing is left behind.
        string blocked = Path.Combine(_folder, "blocked");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => new SaveFloat().Save(blocked));
        Assert.True(Directory.Exists(blocked));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        Assert.Equal(2, Directory.GetFileSystemEntries(_folder).Length);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(_folder, "absent.safetensors");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => new SaveFloat().Load(path)).Message, StringComparison.Ordinal);
    }

    private static byte[] EditHeader(byte[] file, Func<string, string> edit)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, length);
        byte[] edited = Encoding.UTF8.GetBytes(edit(header));
        byte[] result = new byte[8 + edited.Length + (file.Length - 8 - length)];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)edited.Length);
        edited.CopyTo(result, 8);
        file.AsSpan(8 + length).CopyTo(result.AsSpan(8 + edited.Length));
        return result;
    }

    private static byte[] WithLength(byte[] file, ulong length)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
        return copy;
    }
}
