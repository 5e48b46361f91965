using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using StaticNN.Serialization;
using StaticNN.Tests.Support;
using Xunit.Abstractions;

namespace StaticNN.Tests.Serialization;

/// <summary>
/// Proves that <see cref="SafeTensors.Load{T}"/> survives hostile files. One targeted case per kind of
/// damage (truncation, flipped bits and bytes, header lengths past the file or past any sane bound,
/// invalid JSON, duplicate and missing tensors, offsets that overlap or point past the end, wrong
/// dtypes and shapes) is refused with the exact exception type and its own message, leaving the
/// network's parameters and gradients and the file on disk bit for bit as they were; NaN and infinite
/// values load as they are and are counted. A seeded fuzz then mutates saved files thousands of times
/// (<see cref="CountVariable"/> files, default <see cref="DefaultFiles"/>; <see cref="SeedVariable"/>
/// picks the seed): every file either loads exactly what an independent strict reading of its bytes
/// says, or is refused with a <see cref="SafeTensorsFormatException"/> that changes nothing, and no
/// load allocates more than the file's length plus <see cref="AllocationSlack"/>. Mutation i of a seed
/// draws from its own generator, so any one file is reproduced by running i + 1 files with that seed.
/// The loader defects this fuzz first found (invalid UTF-8 escaping as InvalidOperationException,
/// JSON read leniently, duplicate fields, hostile headers allocating many times the file) were fixed;
/// each has a fact of its own below, and the fuzz fails on any of them.
/// </summary>
public sealed class HostileFileTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The environment variable giving the number of mutated files of the fuzz.</summary>
    public const string CountVariable = "STATICNN_FUZZ_FILES";

    /// <summary>The environment variable giving the fuzz's seed (decimal or 0x-prefixed hexadecimal).</summary>
    public const string SeedVariable = "STATICNN_FUZZ_SEED";

    /// <summary>The in-suite number of mutated files: about a second of work.</summary>
    public const int DefaultFiles = 2_000;

    /// <summary>
    /// What a load may allocate beyond the file's length: the file stream's 4 KiB buffer, the
    /// dictionaries of a header of a few tensors, the exception and its message come to about 15 KiB;
    /// 64 KiB leaves room without hiding anything that grows with the file.
    /// </summary>
    public const long AllocationSlack = 64 * 1024;

    /// <summary>A load allocating more than this beyond the file's length is measured a second time: the first use of a message or type allocates once per process.</summary>
    private const long RemeasureAbove = 16 * 1024;

    private const ulong DefaultSeed = 0x5AFE_7E45_2025UL;

    private static readonly SafeTensorsOptions Convert = new() { AllowDtypeConversion = true };

    private readonly string _folder = Directory.CreateTempSubdirectory("staticnn-hostile-").FullName;

    private enum Mutation
    {
        Truncate,
        FlipLengthBits,
        SetLength,
        FlipHeaderBits,
        SetHeaderBytes,
        FlipDataBits,
        InsertBytes,
        DeleteBytes,
        JunkHeader,
        DuplicateEntry,
        DropEntry,
        ShiftOffsets,
        ChangeDtype,
        ChangeShape,
        RenameTensor,
        PlantNonFinite,
        Relayout,
        Combined,
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // ---------------------------------------------------------------- targeted cases

    /// <summary>
    /// Damage done to a saved <see cref="SaveFloat"/> (data_offsets 0.weight [0,80], 0.bias [80,96],
    /// 2.weight [96,144], 2.bias [144,156], 4.weight [156,180], 4.bias [180,188]), whether to allow dtype
    /// conversion, the message expected ({after} is the damaged file's length − 8, {length} its length)
    /// and the tensor expected to be named, if any.
    /// </summary>
    public static TheoryData<string, Func<byte[], byte[]>, bool, string, string?> Hostile => new()
    {
        // Truncated.
        { "an empty file", f => [], false, "expected at least 8 bytes (the header length) but the file has 0.", null },
        { "seven bytes", f => f[..7], false, "expected at least 8 bytes (the header length) but the file has 7.", null },
        { "cut inside the header", f => f[..100], false, "is larger than the 92 bytes after it.", null },
        { "cut right after the header", f => f[..(8 + (int)HeaderLength(f))], false, "its data_offsets [0, 80] are not inside the 0 data bytes.", "0.weight" },
        { "cut one byte short", f => f[..^1], false, "its data_offsets [180, 188] are not inside the 187 data bytes.", "4.bias" },

        // Flipped bits.
        { "the length prefix's top bit flipped", f => FlipBit(f, 7, 7), false, "exceeds the limit of 100000000 bytes; the file is damaged or not a safetensors file.", null },
        { "the length prefix's bit 12 flipped", f => FlipBit(f, 1, 4), false, "is larger than the {after} bytes after it.", null },
        { "the opening brace flipped to a bracket", f => FlipIn(f, "{\"__metadata__\"", 0, 5), false, "expected the header to be a JSON object but found StartArray.", null },
        { "a colon flipped to a semicolon", f => FlipIn(f, "\"__metadata__\":", 14, 0), false, "the header is not valid JSON (", null },
        { "a bit flipped in a tensor name", f => FlipIn(f, "\"4.bias\"", 4, 0), false, "the network expects this tensor but the file has only 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bhas.", "4.bias" },
        { "a bit flipped in a dtype", f => FlipIn(f, "\"F32\"", 2, 0), false, "expected dtype F32 but got F22.", "0.weight" },
        { "a bit flipped in a shape", f => FlipIn(f, "[4,5]", 3, 0), false, "expected shape [4, 5] but got [4, 4].", "0.weight" },
        { "a bit flipped in a data offset", f => FlipIn(f, "[80,96]", 4, 0), false, "expected 16 bytes of data for shape [4] but data_offsets span 6.", "0.bias" },

        // Header lengths larger than the file or than any sane bound.
        { "a header length of 2^64 - 1", f => WithLength(f, ulong.MaxValue), false, "the header length 18446744073709551615 exceeds the limit of 100000000 bytes", null },
        { "a header length of 2^63", f => WithLength(f, 1UL << 63), false, "the header length 9223372036854775808 exceeds the limit of 100000000 bytes", null },
        { "a header length one past the limit", f => WithLength(f, SafeTensors.MaxHeaderBytes + 1), false, "the header length 100000001 exceeds the limit of 100000000 bytes", null },
        { "a header length at the limit in a small file", f => WithLength(f, SafeTensors.MaxHeaderBytes), false, "the header length 100000000 is larger than the {after} bytes after it.", null },
        { "a header length equal to the file's", f => WithLength(f, (ulong)f.Length), false, "the header length {length} is larger than the {after} bytes after it.", null },
        { "a header length of zero", f => WithLength(f, 0), false, "the header is not valid JSON (", null },
        { "a header length that cuts the JSON", f => WithLength(f, (ulong)HeaderText(f).TrimEnd(' ').Length - 1), false, "the header is not valid JSON (", null },

        // Invalid JSON, or JSON of the wrong structure.
        { "a header that is not JSON", f => EditHeader(f, h => new string('x', h.Length)), false, "the header is not valid JSON (", null },
        { "a header nested deeper than 8", f => Edit(f, "\"shape\":[2],", "\"shape\":[2],\"x\":[[[[[[[[1]]]]]]]],"), false, "the header is not valid JSON (The maximum configured depth of 8 has been exceeded", null },
        { "a comment in the header", f => Edit(f, "{\"__metadata__\"", "{/* c */\"__metadata__\""), false, "the header is not valid JSON (", null },
        { "a header that is a JSON array", f => EditHeader(f, _ => "[]"), false, "expected the header to be a JSON object but found StartArray.", null },
        { "a header that is a JSON string", f => EditHeader(f, _ => "\"x\""), false, "expected the header to be a JSON object but found String.", null },
        { "metadata that is not a string", f => Edit(f, "\"loss\":\"Mse\"", "\"loss\":1"), false, "expected metadata 'loss' to be a string but found Number.", null },
        { "a tensor that is not an object", f => Edit(f, "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[80,96]}", "7"), false, "expected an object of dtype, shape and data_offsets but found Number.", "0.bias" },
        { "a tensor without a dtype", f => Edit(f, "\"0.bias\":{\"dtype\":\"F32\",", "\"0.bias\":{"), false, "expected dtype, shape and data_offsets.", "0.bias" },
        { "a dtype that is not a string", f => Edit(f, "\"dtype\":\"F32\"", "\"dtype\":32"), false, "expected dtype to be a string but found Number.", "0.weight" },
        { "a shape that is not an array", f => Edit(f, "\"shape\":[4,5]", "\"shape\":\"4,5\""), false, "expected shape to be an array but found String.", "0.weight" },
        { "data_offsets that are not an array", f => Edit(f, "\"data_offsets\":[0,80]", "\"data_offsets\":{}"), false, "expected data_offsets to be an array but found StartObject.", "0.weight" },

        // Duplicate and missing tensors.
        { "a tensor named twice", f => Edit(f, "\"0.weight\":", "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[80,96]},\"0.weight\":"), false, "the header names this tensor twice.", "0.bias" },
        { "a tensor named twice, once through an escape", f => Edit(f, "\"0.weight\":", "\"0.\\u0062ias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[80,96]},\"0.weight\":"), false, "the header names this tensor twice.", "0.bias" },
        { "two __metadata__ objects", f => Edit(f, "\"0.weight\":", "\"__metadata__\":{},\"0.weight\":"), false, "the header has __metadata__ twice.", null },
        { "a tensor missing", f => Edit(f, "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[96,144]},", string.Empty), false, "the network expects this tensor but the file has only 0.weight, 0.bias, 2.bias, 4.weight, 4.bias.", "2.weight" },
        { "no tensors at all", f => EditHeader(f, _ => "{}"), false, "the network expects this tensor but the file has only none.", "0.weight" },
        { "an extra tensor", f => Edit(f, "\"0.weight\":", "\"6.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[188,188]},\"0.weight\":"), false, "the network has no such tensor; it expects 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias.", "6.weight" },

        // Offsets that overlap, point past the end or are not offsets.
        { "offsets past the end", f => Edit(f, "[180,188]", "[180,196]"), false, "its data_offsets [180, 196] are not inside the 188 data bytes.", "4.bias" },
        { "offsets reversed", f => Edit(f, "[180,188]", "[188,180]"), false, "its data_offsets [188, 180] are not inside the 188 data bytes.", "4.bias" },
        { "a negative offset", f => Edit(f, "[0,80]", "[-80,0]"), false, "its data_offsets [-80, 0] are not inside the 188 data bytes.", "0.weight" },
        { "an offset beyond 64 bits", f => Edit(f, "[180,188]", "[180,18446744073709551616]"), false, "expected data_offsets that are 64-bit integers but found 18446744073709551616.", "4.bias" },
        { "a fractional offset", f => Edit(f, "[180,188]", "[180,188.0]"), false, "expected data_offsets that are 64-bit integers but found 188.0.", "4.bias" },
        { "three offsets", f => Edit(f, "[180,188]", "[180,188,196]"), false, "expected data_offsets [begin, end] but got more than 2 numbers.", "4.bias" },
        { "offsets spanning too little", f => Edit(f, "[180,188]", "[180,184]"), false, "expected 8 bytes of data for shape [2] but data_offsets span 4.", "4.bias" },
        { "overlapping data", f => Edit(f, "[156,180]", "[152,176]"), false, "its data [152, 176] overlaps tensor '2.bias' [144, 156].", "4.weight" },
        { "two tensors on the same bytes", f => Edit(f, "[180,188]", "[0,8]"), false, "its data [0, 8] overlaps tensor '0.weight' [0, 80].", "4.bias" },

        // Wrong dtypes.
        { "F16", f => Edit(f, "\"F32\"", "\"F16\"", all: true), false, "expected dtype F32 but got F16.", "0.weight" },
        { "lower-case f32", f => Edit(f, "\"F32\"", "\"f32\"", all: true), false, "expected dtype F32 but got f32.", "0.weight" },
        { "an empty dtype", f => Edit(f, "\"F32\"", "\"\""), false, "expected dtype F32 but got .", "0.weight" },
        { "F64 without conversion", f => Edit(f, "\"F32\"", "\"F64\"", all: true), false, "expected dtype F32 but got F64 (set SafeTensorsOptions.AllowDtypeConversion to convert).", "0.weight" },
        { "F64 with conversion but F32-sized data", f => Edit(f, "\"F32\"", "\"F64\"", all: true), true, "expected 160 bytes of data for shape [4, 5] but data_offsets span 80.", "0.weight" },

        // Wrong shapes.
        { "a transposed shape", f => Edit(f, "[4,5]", "[5,4]"), false, "expected shape [4, 5] but got [5, 4].", "0.weight" },
        { "a shape with a trailing 1", f => Edit(f, "[4,5]", "[4,5,1]"), false, "expected shape [4, 5] but got [4, 5, 1].", "0.weight" },
        { "a scalar shape", f => Edit(f, "[4,5]", "[]"), false, "expected shape [4, 5] but got [].", "0.weight" },
        { "a negative dimension", f => Edit(f, "[4,5]", "[4,-5]"), false, "expected shape dimensions that are non-negative 32-bit integers but found -5.", "0.weight" },
        { "a dimension of 2^31", f => Edit(f, "[4,5]", "[4,2147483648]"), false, "expected shape dimensions that are non-negative 32-bit integers but found 2147483648.", "0.weight" },
        { "a fractional dimension", f => Edit(f, "[4,5]", "[4,5.0]"), false, "expected shape dimensions that are non-negative 32-bit integers but found 5.0.", "0.weight" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Each_kind_of_damage_is_refused_with_its_own_message_and_changes_nothing(string what, Func<byte[], byte[]> damage, bool convert, string message, string? tensor)
    {
        byte[] file = damage(SavedFile(new SaveFloat(seed: 21)));
        string path = Write("hostile.safetensors", file);
        var network = WithGradients(new SaveFloat(seed: 22));
        byte[] parameters = Bytes(network.Parameters), gradients = Bytes(network.Gradients);

        // The exact type (the class is sealed), not merely some FormatException.
        var error = Record.Exception(() => network.Load(path, convert ? Convert : null));
        Assert.True(error is SafeTensorsFormatException, $"{what}: {error?.ToString() ?? "loaded"}");
        var exception = (SafeTensorsFormatException)error!;
        string expected = message
            .Replace("{after}", (file.Length - 8).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{length}", file.Length.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, exception.Message, StringComparison.Ordinal);
        Assert.Equal(path, exception.Path);
        Assert.Equal(tensor, exception.Tensor);
        Assert.Equal(parameters, Bytes(network.Parameters));
        Assert.Equal(gradients, Bytes(network.Gradients));
        Assert.Equal(file, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException_naming_it_and_changes_nothing()
    {
        var network = WithGradients(new SaveFloat(seed: 23));
        byte[] parameters = Bytes(network.Parameters), gradients = Bytes(network.Gradients);
        foreach (string path in new[] { Path.Combine(_folder, "absent.safetensors"), Path.Combine(_folder, "no-such-folder", "absent.safetensors") })
        {
            var exception = Assert.Throws<FileNotFoundException>(() => network.Load(path));
            Assert.Contains(path, exception.Message, StringComparison.Ordinal);
            Assert.Equal(path, exception.FileName);
            Assert.Equal(parameters, Bytes(network.Parameters));
            Assert.Equal(gradients, Bytes(network.Gradients));
            Assert.False(File.Exists(path));
        }
    }

    [Fact]
    public void NaN_and_infinite_floats_load_bit_for_bit_and_are_counted()
    {
        var source = new SaveFloat(seed: 24);
        uint[] planted = [0x7FC00000, 0xFFC01234, 0x7F800000, 0xFF800000, 0x7F800001]; // NaN, −NaN with a payload, +∞, −∞, a signalling NaN
        int[] at = [0, 7, 19, 20, 46];
        for (int k = 0; k < planted.Length; k++)
        {
            source.Parameters[at[k]] = BitConverter.UInt32BitsToSingle(planted[k]);
        }

        string path = Write("nonfinite-float.safetensors", SavedFile(source));
        var network = WithGradients(new SaveFloat(seed: 25));
        byte[] gradients = Bytes(network.Gradients);

        Assert.Equal(planted.Length, network.Load(path).NonFiniteValues);
        Bitwise.Equal<float>(source.Parameters, network.Parameters, "loaded parameters");
        Assert.Equal(gradients, Bytes(network.Gradients));
    }

    [Fact]
    public void NaN_and_infinite_doubles_load_bit_for_bit_and_are_counted()
    {
        var source = new SaveDouble(seed: 26);
        ulong[] planted = [0x7FF8000000000000, 0xFFF8000000001234, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF0000000000001, 0x7FFFFFFFFFFFFFFF];
        for (int k = 0; k < planted.Length; k++)
        {
            source.Parameters[k * 8] = BitConverter.UInt64BitsToDouble(planted[k]);
        }

        string path = Write("nonfinite-double.safetensors", SavedFile(source));
        var network = new SaveDouble(seed: 27);
        Assert.Equal(planted.Length, network.Load(path).NonFiniteValues);
        Bitwise.Equal<double>(source.Parameters, network.Parameters, "loaded parameters");
    }

    [Fact]
    public void A_file_of_nothing_but_NaN_counts_every_parameter()
    {
        var source = new SaveFloat(seed: 28);
        source.Parameters.Fill(float.NaN);
        string path = Write("all-nan.safetensors", SavedFile(source));
        var network = new SaveFloat(seed: 29);
        Assert.Equal(SaveFloat.ParameterCount, network.Load(path).NonFiniteValues);
        Assert.All(network.Parameters.ToArray(), value => Assert.True(float.IsNaN(value)));
    }

    [Fact]
    public void Doubles_too_large_for_float_load_as_infinities_when_converting_and_are_counted()
    {
        var source = new SaveDouble(seed: 30);
        source.Parameters[0] = 1e300;
        source.Parameters[1] = -1e300;
        source.Parameters[2] = double.MaxValue;
        source.Parameters[3] = 1e-300; // underflows to zero: finite, not counted
        source.Parameters[4] = double.NaN;
        string path = Write("overflow.safetensors", SavedFile(source));
        var network = new SaveFloat(seed: 31);

        Assert.Equal(4, network.Load(path, Convert).NonFiniteValues);
        Assert.Equal(float.PositiveInfinity, network.Parameters[0]);
        Assert.Equal(float.NegativeInfinity, network.Parameters[1]);
        Assert.Equal(float.PositiveInfinity, network.Parameters[2]);
        Assert.Equal(0f, network.Parameters[3]);
        Assert.True(float.IsNaN(network.Parameters[4]));
        Assert.Equal(source.Parameters[5..].ToArray().Select(v => (float)v), network.Parameters[5..].ToArray());
    }

    // ---------------------------------------------------------------- defects the fuzz found, fixed

    [Fact]
    public void Invalid_UTF8_or_a_lone_surrogate_in_the_header_is_a_format_error()
    {
        // Each of these once escaped as InvalidOperationException from Utf8JsonReader.GetString.
        byte[] saved = SavedFile(new SaveFloat(seed: 32));
        var cases = new (string What, byte[] File)[]
        {
            ("0xFF in a tensor name", SetByte(saved, "\"4.bias\"", 4, 0xFF)),
            ("0xC3 (a lead byte without its continuation) in a dtype", SetByte(saved, "\"F32\"", 1, 0xC3)),
            ("0x80 in a metadata value", SetByte(saved, "\"Mse\"", 2, 0x80)),
            ("a lone high surrogate escaped in a name", Edit(saved, "\"0.weight\":", "\"\\uD800\":{},\"0.weight\":")),
            ("a lone low surrogate escaped in a metadata value", Edit(saved, "\"Mse\"", "\"\\uDC00\"")),
        };

        AssertEachRefused(cases);
    }

    [Fact]
    public void The_first_invalid_UTF8_byte_is_found_in_one_pass_and_named_where_it_is()
    {
        // A valid two-byte character first, then 0xFF: the message names the 0xFF, not the character.
        byte[] header = Encoding.UTF8.GetBytes("{\"é\":1}");
        byte[] bad = [.. header[..^1], 0xFF, (byte)'}'];
        var exception = Assert.Throws<SafeTensorsFormatException>(() => new SaveFloat().Load(Write("utf8.safetensors", FileOf(bad, []))));
        Assert.Contains($"not valid UTF-8 (byte {header.Length - 1} of the header)", exception.Message);

        // 8 MB of ASCII with the bad byte at the end: one pass, not one per prefix (which took minutes).
        byte[] large = new byte[8_000_000];
        Array.Fill(large, (byte)' ');
        large[0] = (byte)'{';
        large[^2] = 0xFF;
        large[^1] = (byte)'}';
        string path = Write("utf8-large.safetensors", FileOf(large, []));
        var watch = Stopwatch.StartNew();
        exception = Assert.Throws<SafeTensorsFormatException>(() => new SaveFloat().Load(path));
        Assert.Contains($"byte {large.Length - 2} of the header", exception.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_header_that_is_not_exactly_one_well_formed_object_is_refused()
    {
        // The parser once stopped at the first non-number inside shape or data_offsets and carried on
        // out of step with the JSON, and never reads past the closing brace: all of these load.
        byte[] saved = SavedFile(new SaveFloat(seed: 34));
        var cases = new (string What, byte[] File)[]
        {
            ("text after the closing brace", EditHeader(saved, h => h.TrimEnd(' ') + " garbage")),
            ("a second object after the header", EditHeader(saved, h => h.TrimEnd(' ') + "{}")),
            ("a string after the two offsets", Edit(saved, "[180,188]", "[180,188,\"z\"]")),
            ("a string after the dimensions, then broken JSON", Edit(saved, "\"shape\":[2],\"data_offsets\":[180,188]}}", "\"data_offsets\":[180,188],\"shape\":[2,\"x\"]} ]]] not JSON")),
        };

        AssertEachRefused(cases);
    }

    [Fact]
    public void A_field_given_twice_in_a_tensor_entry_is_refused()
    {
        // The last one once won silently (a duplicate tensor name, by contrast, was refused).
        byte[] saved = SavedFile(new SaveFloat(seed: 35));
        var cases = new (string What, byte[] File)[]
        {
            ("dtype twice", Edit(saved, "\"4.bias\":{\"dtype\":\"F32\"", "\"4.bias\":{\"dtype\":\"F16\",\"dtype\":\"F32\"")),
            ("data_offsets twice", Edit(saved, "\"data_offsets\":[180,188]", "\"data_offsets\":[0,8],\"data_offsets\":[180,188]")),
            ("shape twice", Edit(saved, "\"shape\":[2],", "\"shape\":[9],\"shape\":[2],")),
        };

        AssertEachRefused(cases);
    }

    [Fact]
    public void A_large_hostile_header_allocates_no_more_than_the_file()
    {
        // Measured when this was written: 16.2x, 13.2x, 9.4x and 3.8x the file's length (24.6x for 1,000,000 dimensions).
        var cases = new (string What, string Header)[]
        {
            ("a shape of 500,000 dimensions", "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[" + string.Join(",", Enumerable.Repeat("1", 500_000)) + "],\"data_offsets\":[0,80]}}"),
            ("20,000 tensors the network does not have", "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"{i}\":{{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,0]}}")) + "}"),
            ("data_offsets of 500,000 numbers", "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,5],\"data_offsets\":[" + string.Join(",", Enumerable.Repeat("1", 500_000)) + "]}}"),
            ("a dtype of 100,000 escaped characters", "{\"0.weight\":{\"dtype\":\"" + string.Concat(Enumerable.Repeat("\\u0041", 100_000)) + "\",\"shape\":[4,5],\"data_offsets\":[0,80]}}"),
        };

        var wrong = new List<string>();
        foreach ((string what, string header) in cases)
        {
            byte[] file = FileOf(Encoding.UTF8.GetBytes(header), new byte[188]);
            string path = Write("large.safetensors", file);
            var network = new SaveFloat();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var exception = Record.Exception(() => network.Load(path));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (exception is not SafeTensorsFormatException || allocated > file.Length + AllocationSlack)
            {
                wrong.Add($"{what}: {exception?.GetType().Name ?? "loaded"}, allocated {allocated:N0} bytes ({allocated / (double)file.Length:F1}x) for a {file.Length:N0}-byte file");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Loads each file into a network with gradients: each must be refused with a SafeTensorsFormatException, changing nothing.</summary>
    private void AssertEachRefused((string What, byte[] File)[] cases)
    {
        var network = WithGradients(new SaveFloat(seed: 36));
        byte[] parameters = Bytes(network.Parameters), gradients = Bytes(network.Gradients);
        var wrong = new List<string>();
        foreach ((string what, byte[] file) in cases)
        {
            string path = Write("defect.safetensors", file);
            var exception = Record.Exception(() => network.Load(path));
            if (exception is not SafeTensorsFormatException || !Bytes(network.Parameters).AsSpan().SequenceEqual(parameters) || !Bytes(network.Gradients).AsSpan().SequenceEqual(gradients))
            {
                wrong.Add($"{what}: {exception?.GetType().Name ?? "loaded"} {exception?.Message}");
                parameters.CopyTo(MemoryMarshal.AsBytes(network.Parameters));
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    // ---------------------------------------------------------------- the fuzz

    [Fact]
    public void Mutated_files_load_exactly_what_their_bytes_say_or_are_refused_changing_nothing()
    {
        int count = EnvironmentCount();
        ulong seed = EnvironmentSeed();

        Source floats = Source.Of(SavedFile(new SaveFloat(seed: 41)));
        Source doubles = Source.Of(SavedFile(new SaveDouble(seed: 42)));
        var floatTarget = new Target<float>(WithGradients(new SaveFloat(seed: 43)));
        var doubleTarget = new Target<double>(WithGradients(new SaveDouble(seed: 44)));
        string path = Path.Combine(_folder, "fuzz.safetensors");

        var stats = new Dictionary<Mutation, Tally>();
        foreach (Mutation mutation in Enum.GetValues<Mutation>())
        {
            stats[mutation] = new Tally();
        }

        var failures = new List<string>();
        var defects = new SortedDictionary<string, int>(StringComparer.Ordinal);
        long largestAllocation = 0, largestAllocationFile = 0, largestExcess = long.MinValue;
        double largestRatio = 0;
        long largestRatioAllocation = 0, largestRatioFile = 0;
        int nonFiniteLoads = 0, remeasures = 0;
        int mutations = Enum.GetValues<Mutation>().Length;
        var watch = Stopwatch.StartNew();

        for (int i = 0; i < count; i++)
        {
            var random = new TestRandom(unchecked(seed + ((ulong)i * 0x9E3779B97F4A7C15UL)));
            var mutation = (Mutation)random.NextInt(mutations);
            Source source = random.NextInt(2) == 0 ? floats : doubles;
            bool toFloat = random.NextInt(4) == 0 ? source.Dtype != "F32" : source.Dtype == "F32";
            SafeTensorsOptions? options = random.NextInt(2) == 0 ? null : Convert;
            byte[] file = Mutate(mutation, source, ref random);
            File.WriteAllBytes(path, file);

            Outcome outcome = toFloat ? Run(floatTarget, path, file, options) : Run(doubleTarget, path, file, options);
            bool compatible = (source.Dtype == "F32") == toFloat || options is not null;
            string? failure = outcome.Failure;
            if (failure is null && MustLoad(mutation) && compatible && !outcome.Loaded)
            {
                failure = $"refused a valid file: {outcome.Kind}";
            }

            if (outcome.Defect is not null)
            {
                defects[outcome.Defect] = defects.GetValueOrDefault(outcome.Defect) + 1;
                failure ??= $"loader defect: {outcome.Defect}";
            }

            Tally tally = stats[mutation];
            tally.Files++;
            if (failure is not null)
            {
                tally.Failures++;
                if (failures.Count < 10)
                {
                    failures.Add($"seed 0x{seed:X}, file {i} ({mutation}, {source.Dtype} file into a {(toFloat ? "float" : "double")} network, {(options is null ? "exact" : "converting")}): {failure}\n    file: {Preview(file)}");
                }
            }
            else if (outcome.Defect is not null)
            {
                tally.Defects++;
            }
            else if (outcome.Loaded)
            {
                tally.Loaded++;
            }
            else
            {
                tally.Refused++;
                tally.Kinds[outcome.Kind] = tally.Kinds.GetValueOrDefault(outcome.Kind) + 1;
            }

            nonFiniteLoads += outcome.NonFinite > 0 ? 1 : 0;
            if (outcome.Allocated > largestAllocation)
            {
                (largestAllocation, largestAllocationFile) = (outcome.Allocated, file.Length);
            }

            largestExcess = Math.Max(largestExcess, outcome.Allocated - file.Length);
            remeasures += outcome.Remeasured ? 1 : 0;
            double ratio = outcome.Allocated / (double)file.Length;
            if (file.Length >= 256 && ratio > largestRatio)
            {
                (largestRatio, largestRatioAllocation, largestRatioFile) = (ratio, outcome.Allocated, file.Length);
            }
        }

        watch.Stop();
        int loaded = stats.Values.Sum(t => t.Loaded), refused = stats.Values.Sum(t => t.Refused);
        int defective = stats.Values.Sum(t => t.Defects), failed = stats.Values.Sum(t => t.Failures);
        output.WriteLine($"Fuzzed {count:N0} mutated files (seed 0x{seed:X}) in {watch.Elapsed.TotalSeconds:F2} s.");
        output.WriteLine($"Loaded {loaded:N0} ({nonFiniteLoads:N0} reporting NaN/Inf), refused {refused:N0} with SafeTensorsFormatException, failures {failed:N0}.");
        output.WriteLine($"Allocation per load: largest {largestAllocation:N0} B (a {largestAllocationFile:N0}-byte file); largest excess over the file's length {largestExcess:N0} B (bound {AllocationSlack:N0}); largest ratio to the file's length {largestRatio:F1}x ({largestRatioAllocation:N0} B for a {largestRatioFile:N0}-byte file; files of 256 bytes or more); {remeasures:N0} first-time figures over {RemeasureAbove / 1024} KiB measured again.");
        output.WriteLine(string.Empty);
        output.WriteLine($"{"mutation",-16}{"files",8}{"loaded",8}{"refused",9}{"defect",8}{"failed",8}  refusals by message");
        foreach ((Mutation mutation, Tally tally) in stats)
        {
            string kinds = string.Join(", ", tally.Kinds.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"));
            output.WriteLine($"{mutation,-16}{tally.Files,8}{tally.Loaded,8}{tally.Refused,9}{tally.Defects,8}{tally.Failures,8}  {kinds}");
        }

        output.WriteLine(string.Empty);
        output.WriteLine("Refusals by message, all mutations:");
        foreach (var kind in stats.Values.SelectMany(t => t.Kinds).GroupBy(k => k.Key, StringComparer.Ordinal).Select(g => (g.Key, Count: g.Sum(k => k.Value))).OrderByDescending(k => k.Count))
        {
            output.WriteLine($"  {kind.Key,-40}{kind.Count,8}");
        }

        output.WriteLine(defects.Count == 0 ? "No loader defect was hit." : "Loader defects hit (each a failure):");
        foreach ((string defect, int hits) in defects)
        {
            output.WriteLine($"  {defect,-72}{hits,8}");
        }

        foreach (string failure in failures)
        {
            output.WriteLine("FAILURE " + failure);
        }

        Assert.True(failed == 0, $"{failed} of {count} mutated files broke the loader's contract; the first:\n{string.Join("\n", failures)}");
        if (count >= 1_000)
        {
            // Every kind of mutation is known to reach the loader's checks (or, for the valid ones, its reads).
            foreach ((Mutation mutation, Tally tally) in stats)
            {
                Assert.True(MustLoad(mutation) ? tally.Loaded > 0 : tally.Refused > 0, $"{mutation}: {tally.Loaded} loaded, {tally.Refused} refused of {tally.Files}");
            }

            Assert.True(nonFiniteLoads > 0, "no load reported a NaN or an infinity");
        }
    }

    // ---------------------------------------------------------------- one load, checked

    private static Outcome Run<T>(Target<T> target, string path, byte[] file, SafeTensorsOptions? options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (SafeTensorsLoadResult? result, Exception? error, long allocated) = Measure(target, path, options);
        var problems = new List<string>();
        bool remeasured = false;
        if (allocated > file.Length + RemeasureAbove)
        {
            // The first use of a message, a resource or a type allocates once per process; what grows
            // with the file allocates again. So a large figure is taken again and the second one counts.
            if (error is not null && !(target.ParametersUnchanged && target.GradientsUnchanged))
            {
                problems.Add("a refused load changed the network");
            }

            target.Restore();
            (result, error, allocated) = Measure(target, path, options);
            remeasured = true;
        }

        if (allocated > file.Length + AllocationSlack)
        {
            problems.Add($"allocated {allocated:N0} bytes for a {file.Length:N0}-byte file");
        }

        if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(file))
        {
            problems.Add("the file on disk changed");
        }

        string kind;
        string? defect = null;
        int nonFinite = 0;
        if (error is null)
        {
            kind = "loaded";
            string? wrong = Verify(file, target.Network, options, result!, out string? lenient);
            if (wrong is not null)
            {
                problems.Add(wrong);
            }

            if (lenient is not null)
            {
                defect = "loads a header a strict reading refuses: " + lenient;
            }

            if (!target.GradientsUnchanged)
            {
                problems.Add("a successful load changed the gradients");
            }

            nonFinite = result!.NonFiniteValues;
            target.Restore();
        }
        else
        {
            kind = error is SafeTensorsFormatException format ? Classify(format.Message) : error.GetType().Name;
            if (error is SafeTensorsFormatException refusal)
            {
                if (refusal.Path != path || !refusal.Message.StartsWith(path, StringComparison.Ordinal))
                {
                    problems.Add($"the message does not name the file: {refusal.Message}");
                }
            }
            else if (IsKnownTranscodingDefect(error))
            {
                defect = $"throws {error.GetType().Name}: {error.Message}";
            }
            else
            {
                problems.Add($"threw {error.GetType().FullName}: {error.Message}\n{error.StackTrace}");
            }

            if (!target.ParametersUnchanged || !target.GradientsUnchanged)
            {
                problems.Add("a refused load changed the network");
                target.Restore();
            }
        }

        return new Outcome(kind, error is null, nonFinite, allocated, remeasured, defect, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static (SafeTensorsLoadResult? Result, Exception? Error, long Allocated) Measure<T>(Target<T> target, string path, SafeTensorsOptions? options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SafeTensorsLoadResult? result = null;
        Exception? error = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            result = SafeTensors.Load(target.Network, path, options);
        }
        catch (Exception exception)
        {
            error = exception;
        }

        return (result, error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// The exception System.Text.Json's reader throws from GetString on invalid UTF-8 or a lone
    /// surrogate escape, which the loader once let escape (see the fact above).
    /// </summary>
    private static bool IsKnownTranscodingDefect(Exception error) =>
        error is InvalidOperationException && FromSystemTextJson(error) &&
        (error.Message.Contains("UTF-8", StringComparison.Ordinal) || error.Message.Contains("UTF-16", StringComparison.Ordinal));

    private static bool FromSystemTextJson(Exception error) => error.TargetSite?.DeclaringType?.Namespace == "System.Text.Json";

    private static string Classify(string message)
    {
        (string Text, string Kind)[] kinds =
        [
            ("expected at least 8 bytes", "file shorter than 8 bytes"),
            ("exceeds the limit", "header length over the limit"),
            ("is larger than the", "header length past the end"),
            ("not valid JSON", "invalid JSON"),
            ("not valid UTF-8", "invalid UTF-8"),
            ("not valid Unicode", "invalid Unicode escape"),
            ("__metadata__ twice", "duplicate __metadata__"),
            ("__metadata__ has the key", "duplicate metadata key"),
            ("metadata entries of", "metadata over its bounds"),
            ("more than 16 tensors", "too many unknown tensors"),
            ("to end after its JSON object", "text after the header"),
            ("gives ", "duplicate field in a tensor entry"),
            ("64-bit integers but found", "offset that is not a 64-bit integer"),
            ("more than 2 numbers", "not two data_offsets"),
            ("at most 8 dimensions", "too many dimensions"),
            ("is not closed", "JSON object not closed"),
            ("but found", "wrong JSON type"),
            ("names this tensor twice", "duplicate tensor"),
            ("expects this tensor but the file has only", "missing tensor"),
            ("has no such tensor", "extra tensor"),
            ("expected dtype, shape and data_offsets", "incomplete tensor entry"),
            ("expected dtype", "wrong dtype"),
            ("expected shape dimensions", "invalid dimension"),
            ("expected shape", "wrong shape"),
            ("expected data_offsets [begin, end]", "not two data_offsets"),
            ("are not inside the", "data_offsets outside the data"),
            ("bytes of data for shape", "data_offsets span wrong"),
            ("overlaps tensor", "overlapping data"),
        ];
        foreach ((string text, string kind) in kinds)
        {
            if (message.Contains(text, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return "unclassified: " + message;
    }

    /// <summary>
    /// Reads a file that loaded the strict way, independently of the loader (System.Text.Json's
    /// document, duplicates refused), and returns what the load got wrong, or null. A header the
    /// strict reading refuses for the defects once found (not strict JSON, a non-number inside shape or
    /// data_offsets) is reported through <paramref name="lenient"/>; then only the non-finite count is checked.
    /// </summary>
    private static string? Verify<T>(byte[] file, INetwork<T> network, SafeTensorsOptions? options, SafeTensorsLoadResult result, out string? lenient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        lenient = null;
        int nonFinite = 0;
        foreach (T value in network.Parameters)
        {
            nonFinite += T.IsFinite(value) ? 0 : 1;
        }

        if (nonFinite != result.NonFiniteValues)
        {
            return $"reported {result.NonFiniteValues} non-finite values but loaded {nonFinite}";
        }

        ulong headerLength = file.Length < 8 ? ulong.MaxValue : BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > (ulong)Math.Max(0, file.Length - 8))
        {
            return $"loaded a file whose header length {headerLength} does not fit its {file.Length} bytes";
        }

        ReadOnlyMemory<byte> header = file.AsMemory(8, (int)headerLength);
        long dataStart = 8 + (long)headerLength, dataLength = file.Length - dataStart;
        if (!Utf8.IsValid(header.Span))
        {
            lenient = "invalid UTF-8";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            lenient = exception.Message.StartsWith("Duplicate", StringComparison.Ordinal) ? "a duplicate property" : "not one JSON value";
            return null;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            try
            {
                return VerifyDocument(root, file, dataStart, dataLength, network, options, result, out lenient);
            }
            catch (InvalidOperationException exception) when (FromSystemTextJson(exception))
            {
                lenient = "a name or string that cannot be read";
                return null;
            }
        }
    }

    private static string? VerifyDocument<T>(JsonElement root, byte[] file, long dataStart, long dataLength, INetwork<T> network, SafeTensorsOptions? options, SafeTensorsLoadResult result, out string? lenient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        lenient = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"loaded a header that is a JSON {root.ValueKind}";
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty field in property.Value.EnumerateObject())
                {
                    if (field.Name is "shape" or "data_offsets" && field.Value.ValueKind == JsonValueKind.Array &&
                        field.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
                    {
                        lenient = $"a non-number inside {field.Name}";
                        return null;
                    }
                }
            }
        }

        IReadOnlyList<DenseLayer> layers = network.Layers;
        IReadOnlyList<(string Weight, string Bias)> names = SafeTensors.TensorNames(layers);
        var wanted = new List<(string Name, int Offset, int[] Shape)>();
        for (int k = 0; k < layers.Count; k++)
        {
            wanted.Add((names[k].Weight, layers[k].WeightOffset, [layers[k].Outputs, layers[k].Inputs]));
            wanted.Add((names[k].Bias, layers[k].BiasOffset, [layers[k].Outputs]));
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.Name != "__metadata__" && !wanted.Any(w => w.Name == property.Name))
            {
                return $"loaded a file with a tensor '{property.Name}' the network does not have";
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("__metadata__", out JsonElement meta))
        {
            if (meta.ValueKind != JsonValueKind.Object || meta.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            {
                return "loaded a file whose __metadata__ is not an object of strings";
            }

            foreach (JsonProperty property in meta.EnumerateObject())
            {
                metadata[property.Name] = property.Value.GetString()!;
            }
        }

        if (result.Metadata.Count != metadata.Count || metadata.Any(m => !result.Metadata.TryGetValue(m.Key, out string? value) || value != m.Value))
        {
            return "the metadata returned differs from the file's";
        }

        string own = typeof(T) == typeof(double) ? "F64" : "F32";
        var expected = new T[network.ParameterCount];
        var ranges = new List<(long Begin, long End, string Name)>();
        foreach ((string name, int offset, int[] shape) in wanted)
        {
            if (!root.TryGetProperty(name, out JsonElement entry) || entry.ValueKind != JsonValueKind.Object ||
                !entry.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String ||
                !entry.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array ||
                !entry.TryGetProperty("data_offsets", out JsonElement offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array)
            {
                return $"loaded a file whose tensor '{name}' is missing or incomplete";
            }

            string dtype = dtypeElement.GetString()!;
            if (dtype != own && !(options is { AllowDtypeConversion: true } && dtype is "F32" or "F64"))
            {
                return $"loaded tensor '{name}' of dtype {dtype} into a {own} network";
            }

            if (!shapeElement.EnumerateArray().Select(e => e.TryGetInt32(out int d) ? d : -1).SequenceEqual(shape))
            {
                return $"loaded tensor '{name}' of shape {shapeElement.GetRawText()}";
            }

            long[] offsets = offsetsElement.EnumerateArray().Select(e => e.TryGetInt64(out long o) ? o : -1).ToArray();
            int size = dtype == "F64" ? 8 : 4;
            long count = shape.Aggregate(1L, (a, b) => a * b);
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] != offsets[0] + (count * size) || offsets[1] > dataLength)
            {
                return $"loaded tensor '{name}' from data_offsets {offsetsElement.GetRawText()} of {dataLength} data bytes";
            }

            ranges.Add((offsets[0], offsets[1], name));
            for (int i = 0; i < count; i++)
            {
                int at = checked((int)(dataStart + offsets[0] + (i * size)));
                expected[offset + i] = size == 8
                    ? T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(at, 8)))
                    : T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(at, 4)));
            }
        }

        ranges.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        for (int i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Begin < ranges[i - 1].End)
            {
                return $"loaded tensors '{ranges[i - 1].Name}' and '{ranges[i].Name}' whose data overlap";
            }
        }

        if (!MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(network.Parameters)))
        {
            int first = Enumerable.Range(0, expected.Length).First(i => !MemoryMarshal.AsBytes(expected.AsSpan(i, 1)).SequenceEqual(MemoryMarshal.AsBytes(network.Parameters.Slice(i, 1))));
            return $"parameter {first} is {network.Parameters[first]:R} but the file says {expected[first]:R}";
        }

        return null;
    }

    // ---------------------------------------------------------------- mutations

    private static bool MustLoad(Mutation mutation) => mutation is Mutation.FlipDataBits or Mutation.PlantNonFinite or Mutation.Relayout;

    private static readonly Mutation[] Structural = [Mutation.DuplicateEntry, Mutation.DropEntry, Mutation.ShiftOffsets, Mutation.ChangeDtype, Mutation.ChangeShape, Mutation.RenameTensor, Mutation.Relayout];

    private static readonly Mutation[] Bytewise = [Mutation.Truncate, Mutation.FlipLengthBits, Mutation.SetLength, Mutation.FlipHeaderBits, Mutation.SetHeaderBytes, Mutation.FlipDataBits, Mutation.InsertBytes, Mutation.DeleteBytes, Mutation.PlantNonFinite];

    private static byte[] Mutate(Mutation mutation, Source source, ref TestRandom random)
    {
        if (mutation == Mutation.JunkHeader)
        {
            return JunkHeader(source, ref random);
        }

        if (Bytewise.Contains(mutation))
        {
            return ApplyBytewise(mutation, source.File, source.HeaderEnd, source.Size, ref random);
        }

        List<Entry> entries = source.Entries.Select(e => e.Clone()).ToList();
        byte[] data = source.Data;
        if (mutation == Mutation.Combined)
        {
            int structural = 1 + random.NextInt(2);
            for (int s = 0; s < structural; s++)
            {
                Mutation step = Structural[random.NextInt(Structural.Length)];
                if (step != Mutation.Relayout || s == 0)
                {
                    ApplyStructural(step, entries, ref data, ref random);
                }
            }

            (byte[] file, int headerEnd) = Build(entries, data, pad: random.NextInt(5) != 0);
            int bytewise = random.NextInt(3);
            for (int b = 0; b < bytewise; b++)
            {
                file = ApplyBytewise(Bytewise[random.NextInt(Bytewise.Length)], file, headerEnd, source.Size, ref random);
            }

            return file;
        }

        ApplyStructural(mutation, entries, ref data, ref random);
        return Build(entries, data, pad: random.NextInt(5) != 0).File;
    }

    private static byte[] ApplyBytewise(Mutation mutation, byte[] file, int headerEnd, int size, ref TestRandom random)
    {
        headerEnd = Math.Clamp(headerEnd, 8, Math.Max(8, file.Length));
        byte[] copy = (byte[])file.Clone();
        switch (mutation)
        {
            case Mutation.Truncate:
                if (file.Length == 0)
                {
                    return copy;
                }

                int cut = random.NextInt(4) switch
                {
                    0 => random.NextInt(Math.Min(9, file.Length)),
                    1 => Math.Clamp(headerEnd + random.NextInt(17) - 8, 0, file.Length - 1),
                    2 => Math.Max(0, file.Length - 1 - random.NextInt(8)),
                    _ => random.NextInt(file.Length),
                };
                return copy[..cut];

            case Mutation.FlipLengthBits:
                for (int k = 1 + random.NextInt(3); k > 0 && copy.Length >= 8; k--)
                {
                    copy[random.NextInt(8)] ^= (byte)(1 << random.NextInt(8));
                }

                return copy;

            case Mutation.SetLength:
                if (copy.Length >= 8)
                {
                    ulong length = (ulong)(headerEnd - 8);
                    ulong[] choices =
                    [
                        0, 1, 2, 7, 8, length - 1 - (ulong)random.NextInt(8), length + 1 + (ulong)random.NextInt(8), (ulong)copy.Length - 8,
                        (ulong)copy.Length - 7, (ulong)copy.Length, SafeTensors.MaxHeaderBytes, SafeTensors.MaxHeaderBytes + 1, 1UL << 32,
                        (1UL << 32) + length, 1UL << 63, ulong.MaxValue, long.MaxValue, random.NextUInt64(), (ulong)random.NextInt(copy.Length + 64),
                    ];
                    BinaryPrimitives.WriteUInt64LittleEndian(copy, choices[random.NextInt(choices.Length)]);
                }

                return copy;

            case Mutation.FlipHeaderBits:
                for (int k = 1 + random.NextInt(4); k > 0 && headerEnd > 8; k--)
                {
                    copy[8 + random.NextInt(headerEnd - 8)] ^= (byte)(1 << random.NextInt(8));
                }

                return copy;

            case Mutation.SetHeaderBytes:
                byte[] interesting = [0x00, 0xFF, 0x80, 0xC3, 0xED, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)' ', (byte)'-', (byte)'.', (byte)'e', (byte)'9'];
                for (int k = 1 + random.NextInt(3); k > 0 && headerEnd > 8; k--)
                {
                    copy[8 + random.NextInt(headerEnd - 8)] = random.NextInt(3) == 0 ? interesting[random.NextInt(interesting.Length)] : (byte)random.NextInt(256);
                }

                return copy;

            case Mutation.FlipDataBits:
                for (int k = 1 + random.NextInt(8); k > 0 && copy.Length > headerEnd; k--)
                {
                    copy[headerEnd + random.NextInt(copy.Length - headerEnd)] ^= (byte)(1 << random.NextInt(8));
                }

                return copy;

            case Mutation.PlantNonFinite:
                int slots = (copy.Length - headerEnd) / size;
                for (int k = 1 + random.NextInt(4); k > 0 && slots > 0; k--)
                {
                    Span<byte> slot = copy.AsSpan(headerEnd + (random.NextInt(slots) * size), size);
                    if (size == 8)
                    {
                        ulong[] patterns = [0x7FF8000000000000, 0xFFF8000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF0000000000001, 0x7FFFFFFFFFFFFFFF];
                        BinaryPrimitives.WriteUInt64LittleEndian(slot, patterns[random.NextInt(patterns.Length)]);
                    }
                    else
                    {
                        uint[] patterns = [0x7FC00000, 0xFFC00000, 0x7F800000, 0xFF800000, 0x7F800001, 0x7FFFFFFF];
                        BinaryPrimitives.WriteUInt32LittleEndian(slot, patterns[random.NextInt(patterns.Length)]);
                    }
                }

                return copy;

            case Mutation.InsertBytes:
                int at = random.NextInt(file.Length + 1), inserted = 1 + random.NextInt(16);
                byte[] grown = new byte[file.Length + inserted];
                file.AsSpan(0, at).CopyTo(grown);
                for (int k = 0; k < inserted; k++)
                {
                    grown[at + k] = random.NextInt(2) == 0 ? (byte)' ' : (byte)random.NextInt(256);
                }

                file.AsSpan(at).CopyTo(grown.AsSpan(at + inserted));
                return grown;

            case Mutation.DeleteBytes:
                if (file.Length == 0)
                {
                    return copy;
                }

                int from = random.NextInt(file.Length), deleted = Math.Min(1 + random.NextInt(16), file.Length - from);
                return [.. file.AsSpan(0, from), .. file.AsSpan(from + deleted)];

            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "not a byte-level mutation");
        }
    }

    private static void ApplyStructural(Mutation mutation, List<Entry> entries, ref byte[] data, ref TestRandom random)
    {
        List<Entry> tensors = entries.Where(e => e.Raw is null).ToList();
        Entry? tensor = tensors.Count == 0 ? null : tensors[random.NextInt(tensors.Count)];
        switch (mutation)
        {
            case Mutation.DuplicateEntry:
                Entry original = entries[random.NextInt(entries.Count)];
                Entry twin = original.Clone();
                if (random.NextInt(2) == 0 && twin.Offsets is not null && tensors.Count > 0)
                {
                    twin.Offsets = tensors[random.NextInt(tensors.Count)].Offsets?.ToList();
                }

                entries.Insert(random.NextInt(entries.Count + 1), twin);
                break;

            case Mutation.DropEntry:
                entries.RemoveAt(random.NextInt(entries.Count));
                break;

            case Mutation.ShiftOffsets when tensor is not null:
                ShiftOffsets(tensor, tensors, ref random);
                break;

            case Mutation.ChangeDtype when tensor is not null:
                string[] dtypes = ["\"F16\"", "\"BF16\"", "\"F64\"", "\"F32\"", "\"I32\"", "\"U8\"", "\"f32\"", "\"F32 \"", "\"\"", "\"F8_E4M3\"", "\"BOOL\"", "\"F\\u00332\"", "32", "null", "[]", "{}", "\"" + new string('F', 300) + "\""];
                string? dtype = random.NextInt(12) == 0 ? null : dtypes[random.NextInt(dtypes.Length)];
                foreach (Entry target in random.NextInt(5) == 0 ? tensors : [tensor])
                {
                    target.Dtype = dtype;
                }

                break;

            case Mutation.ChangeShape when tensor is not null:
                ChangeShape(tensor, ref random);
                break;

            case Mutation.RenameTensor:
                string[] names = ["\"0.weight\"", "\"0.bias\"", "\"2.weight\"", "\"2.bias\"", "\"4.weight\"", "\"4.bias\"", "\"1.weight\"", "\"6.bias\"", "\"0.Weight\"", "\"0.weight \"", "\"\"", "\"__metadata__\"", "\"0.\\u0077eight\"", "\"\\uD800\"", "\"\\u0000\"", "\"weight\"", "\"0.weight.0\"", "\"" + (char)('a' + random.NextInt(26)) + "\""];
                entries[random.NextInt(entries.Count)].Name = names[random.NextInt(names.Length)];
                break;

            case Mutation.Relayout:
                Relayout(tensors, ref data, ref random);
                break;

            default:
                break;
        }
    }

    private static void ShiftOffsets(Entry tensor, List<Entry> tensors, ref TestRandom random)
    {
        if (tensor.Offsets is not { Count: 2 })
        {
            tensor.Offsets = [random.NextInt(200).ToString(CultureInfo.InvariantCulture), random.NextInt(200).ToString(CultureInfo.InvariantCulture)];
            return;
        }

        long[] steps = [1, 2, 4, 8, 1 + random.NextInt(200), 1L << 31, 1L << 40, long.MaxValue];
        BigInteger delta = steps[random.NextInt(steps.Length)] * (random.NextInt(2) == 0 ? 1 : -1);
        string Shift(string token) => BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger value) ? (value + delta).ToString(CultureInfo.InvariantCulture) : delta.ToString(CultureInfo.InvariantCulture);
        string[] literals = ["-1", "1.5", "1e3", "18446744073709551616", "-9223372036854775809", "\"80\"", "null", "true", "[]"];
        switch (random.NextInt(8))
        {
            case 0:
                tensor.Offsets = [Shift(tensor.Offsets[0]), Shift(tensor.Offsets[1])];
                break;
            case 1:
                tensor.Offsets[0] = Shift(tensor.Offsets[0]);
                break;
            case 2:
                tensor.Offsets[1] = Shift(tensor.Offsets[1]);
                break;
            case 3:
                tensor.Offsets = [tensor.Offsets[1], tensor.Offsets[0]];
                break;
            case 4:
                tensor.Offsets[random.NextInt(2)] = literals[random.NextInt(literals.Length)];
                break;
            case 5:
                tensor.Offsets.Insert(random.NextInt(3), random.NextInt(200).ToString(CultureInfo.InvariantCulture));
                break;
            case 6:
                tensor.Offsets.RemoveAt(random.NextInt(2));
                break;
            default:
                tensor.Offsets = tensors[random.NextInt(tensors.Count)].Offsets?.ToList();
                break;
        }
    }

    private static void ChangeShape(Entry tensor, ref TestRandom random)
    {
        if (tensor.Shape is null || random.NextInt(10) == 0)
        {
            string?[] raws = [null, "4", "\"[4,5]\"", "{}", "null", "[[4,5]]"];
            tensor.Shape = null;
            tensor.ShapeRaw = raws[random.NextInt(raws.Length)];
            return;
        }

        List<string> shape = tensor.Shape;
        string[] literals = ["-1", "2147483648", "5.0", "1e1", "0", "\"4\"", "null", "99999999999999999999"];
        switch (random.NextInt(7))
        {
            case 0:
                shape.Insert(random.NextInt(shape.Count + 1), "1");
                break;
            case 1 when shape.Count > 0:
                shape.RemoveAt(random.NextInt(shape.Count));
                break;
            case 2 when shape.Count > 0:
                int k = random.NextInt(shape.Count);
                shape[k] = int.TryParse(shape[k], CultureInfo.InvariantCulture, out int d) ? (d + (random.NextInt(2) == 0 ? 1 : -1)).ToString(CultureInfo.InvariantCulture) : "1";
                break;
            case 3 when shape.Count > 1:
                (shape[0], shape[1]) = (shape[1], shape[0]);
                break;
            case 4 when shape.Count > 0:
                shape[random.NextInt(shape.Count)] = literals[random.NextInt(literals.Length)];
                break;
            case 5:
                shape.Clear();
                break;
            default:
                shape.Add(literals[random.NextInt(literals.Length)]);
                break;
        }
    }

    /// <summary>Lays the tensors' data out again in a random order with random gaps: still a valid file.</summary>
    private static void Relayout(List<Entry> tensors, ref byte[] data, ref TestRandom random)
    {
        var ranges = new List<(Entry Tensor, int Begin, int End)>();
        foreach (Entry tensor in tensors)
        {
            if (tensor.Offsets is not { Count: 2 } || !int.TryParse(tensor.Offsets[0], CultureInfo.InvariantCulture, out int begin) ||
                !int.TryParse(tensor.Offsets[1], CultureInfo.InvariantCulture, out int end) || begin < 0 || end < begin || end > data.Length)
            {
                return;
            }

            ranges.Add((tensor, begin, end));
        }

        for (int i = ranges.Count - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (ranges[i], ranges[j]) = (ranges[j], ranges[i]);
        }

        var laid = new List<byte>();
        foreach ((Entry tensor, int begin, int end) in ranges)
        {
            for (int gap = random.NextInt(3) == 0 ? random.NextInt(13) : 0; gap > 0; gap--)
            {
                laid.Add((byte)random.NextInt(256));
            }

            int start = laid.Count;
            laid.AddRange(data.AsSpan(begin, end - begin));
            tensor.Offsets = [start.ToString(CultureInfo.InvariantCulture), laid.Count.ToString(CultureInfo.InvariantCulture)];
        }

        for (int tail = random.NextInt(4) == 0 ? 1 + random.NextInt(16) : 0; tail > 0; tail--)
        {
            laid.Add((byte)random.NextInt(256));
        }

        data = [.. laid];
    }

    /// <summary>Random JSON-ish text in place of the header: token soup, or the real header with a stretch replaced by it.</summary>
    private static byte[] JunkHeader(Source source, ref TestRandom random)
    {
        string[] tokens =
        [
            "{", "}", "[", "]", ":", ",", " ", "\"", "\\", "\"0.weight\"", "\"0.bias\"", "\"2.weight\"", "\"4.bias\"", "\"__metadata__\"", "\"dtype\"", "\"shape\"",
            "\"data_offsets\"", "\"F32\"", "\"F64\"", "0", "4", "5", "80", "188", "-1", "1e400", "0.5", "true", "null", "\"\\u00", "\"\\uD800\"", "\"x\"",
        ];
        var junk = new StringBuilder();
        for (int k = 2 + random.NextInt(60); k > 0; k--)
        {
            junk.Append(random.NextInt(8) == 0 ? ((char)(0x20 + random.NextInt(0x5F))).ToString() : tokens[random.NextInt(tokens.Length)]);
        }

        string header = source.HeaderText;
        if (random.NextInt(3) == 0)
        {
            int from = random.NextInt(header.Length), length = random.NextInt(Math.Min(40, header.Length - from) + 1);
            header = header[..from] + junk + header[(from + length)..];
        }
        else
        {
            header = random.NextInt(2) == 0 ? "{" + junk + "}" : junk.ToString();
        }

        byte[] file = FileOf(Encoding.UTF8.GetBytes(header), source.Data);
        if (random.NextInt(5) == 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)Math.Max(0, header.Length + random.NextInt(33) - 16));
        }

        return file;
    }

    private static (byte[] File, int HeaderEnd) Build(List<Entry> entries, byte[] data, bool pad)
    {
        var header = new StringBuilder("{");
        for (int k = 0; k < entries.Count; k++)
        {
            header.Append(k == 0 ? string.Empty : ",").Append(entries[k].Name).Append(':').Append(entries[k].Json());
        }

        header.Append('}');
        byte[] bytes = Encoding.UTF8.GetBytes(header.ToString());
        if (pad)
        {
            byte[] padded = new byte[(bytes.Length + 7) / 8 * 8];
            padded.AsSpan().Fill((byte)' ');
            bytes.CopyTo(padded, 0);
            bytes = padded;
        }

        return (FileOf(bytes, data), 8 + bytes.Length);
    }

    // ---------------------------------------------------------------- helpers

    private static int EnvironmentCount()
    {
        string? text = Environment.GetEnvironmentVariable(CountVariable);
        return string.IsNullOrWhiteSpace(text) ? DefaultFiles : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    private static ulong EnvironmentSeed()
    {
        string? text = Environment.GetEnvironmentVariable(SeedVariable);
        return string.IsNullOrWhiteSpace(text) ? DefaultSeed
            : text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    private string Write(string name, byte[] file)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, file);
        return path;
    }

    private static byte[] SavedFile<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string folder = Directory.CreateTempSubdirectory("staticnn-hostile-save-").FullName;
        try
        {
            string path = Path.Combine(folder, "saved.safetensors");
            network.Save(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SaveFloat WithGradients(SaveFloat network)
    {
        network.Backward([0.5f, -0.25f, 1f, 0.125f, -2f], [0.3f, 0.7f]);
        return network;
    }

    private static SaveDouble WithGradients(SaveDouble network)
    {
        network.Backward([0.5, -0.25, 1, 0.125, -2], [0.3, 0.7]);
        return network;
    }

    private static byte[] Bytes<T>(Span<T> values)
        where T : unmanaged =>
        MemoryMarshal.AsBytes(values).ToArray();

    private static ulong HeaderLength(byte[] file) => BinaryPrimitives.ReadUInt64LittleEndian(file);

    private static string HeaderText(byte[] file) => Encoding.UTF8.GetString(file, 8, (int)HeaderLength(file));

    private static byte[] FileOf(byte[] header, byte[] data)
    {
        byte[] file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    private static byte[] EditHeader(byte[] file, Func<string, string> edit)
    {
        int length = (int)HeaderLength(file);
        return FileOf(Encoding.UTF8.GetBytes(edit(HeaderText(file))), file[(8 + length)..]);
    }

    /// <summary>Replaces the first (or every) occurrence of <paramref name="old"/> in the header, which must occur.</summary>
    private static byte[] Edit(byte[] file, string old, string replacement, bool all = false) =>
        EditHeader(file, header =>
        {
            int at = header.IndexOf(old, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{old}' is not in the header");
            return all ? header.Replace(old, replacement, StringComparison.Ordinal) : header[..at] + replacement + header[(at + old.Length)..];
        });

    private static byte[] WithLength(byte[] file, ulong length)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy, length);
        return copy;
    }

    private static byte[] FlipBit(byte[] file, int at, int bit)
    {
        byte[] copy = (byte[])file.Clone();
        copy[at] ^= (byte)(1 << bit);
        return copy;
    }

    /// <summary>Flips one bit of the byte at <paramref name="at"/> within the first occurrence of <paramref name="anchor"/>.</summary>
    private static byte[] FlipIn(byte[] file, string anchor, int at, int bit) => FlipBit(file, Find(file, anchor) + at, bit);

    private static byte[] SetByte(byte[] file, string anchor, int at, byte value)
    {
        byte[] copy = (byte[])file.Clone();
        copy[Find(file, anchor) + at] = value;
        return copy;
    }

    private static int Find(byte[] file, string anchor)
    {
        int found = file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(anchor));
        Assert.True(found >= 0, $"'{anchor}' is not in the file");
        return found;
    }

    private static string Preview(byte[] file)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{file.Length} bytes");
        if (file.Length >= 8)
        {
            text.Append(CultureInfo.InvariantCulture, $", length prefix {HeaderLength(file)}");
        }

        text.Append(", then: ");
        int start = Math.Min(8, file.Length);
        foreach (byte b in file.AsSpan(start, Math.Min(file.Length - start, 600)))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }

    /// <summary>A saved file taken apart: its header as entries that can be edited and written back exactly.</summary>
    private sealed class Source
    {
        private Source(string dtype, byte[] file, List<Entry> entries)
        {
            Dtype = dtype;
            Size = dtype == "F64" ? 8 : 4;
            File = file;
            Entries = entries;
            HeaderEnd = 8 + (int)HeaderLength(file);
            HeaderText = Encoding.UTF8.GetString(file, 8, HeaderEnd - 8);
            Data = file[HeaderEnd..];
        }

        public string Dtype { get; }

        public int Size { get; }

        public byte[] File { get; }

        public List<Entry> Entries { get; }

        public int HeaderEnd { get; }

        public string HeaderText { get; }

        public byte[] Data { get; }

        public static Source Of(byte[] file)
        {
            using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)HeaderLength(file)));
            var entries = new List<Entry>();
            string dtype = "F32";
            foreach (JsonProperty property in header.RootElement.EnumerateObject())
            {
                var entry = new Entry { Name = "\"" + property.Name + "\"" };
                if (property.Name == "__metadata__")
                {
                    entry.Raw = property.Value.GetRawText();
                }
                else
                {
                    dtype = property.Value.GetProperty("dtype").GetString()!;
                    entry.Dtype = "\"" + dtype + "\"";
                    entry.Shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetRawText()).ToList();
                    entry.Offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetRawText()).ToList();
                }

                entries.Add(entry);
            }

            var source = new Source(dtype, file, entries);

            // The model writes the saved file back byte for byte, so every mutation starts from the real thing.
            Assert.Equal(file, Build(entries, source.Data, pad: true).File);
            return source;
        }
    }

    /// <summary>One top-level header entry, each part kept as JSON text so that it can be made wrong in any way.</summary>
    private sealed class Entry
    {
        public string Name { get; set; } = string.Empty;

        public string? Raw { get; set; }

        public string? Dtype { get; set; }

        public List<string>? Shape { get; set; }

        public string? ShapeRaw { get; set; }

        public List<string>? Offsets { get; set; }

        public Entry Clone() => new() { Name = Name, Raw = Raw, Dtype = Dtype, Shape = Shape?.ToList(), ShapeRaw = ShapeRaw, Offsets = Offsets?.ToList() };

        public string Json()
        {
            if (Raw is not null)
            {
                return Raw;
            }

            var fields = new List<string>();
            if (Dtype is not null)
            {
                fields.Add("\"dtype\":" + Dtype);
            }

            if (Shape is not null || ShapeRaw is not null)
            {
                fields.Add("\"shape\":" + (ShapeRaw ?? "[" + string.Join(",", Shape!) + "]"));
            }

            if (Offsets is not null)
            {
                fields.Add("\"data_offsets\":[" + string.Join(",", Offsets) + "]");
            }

            return "{" + string.Join(",", fields) + "}";
        }
    }

    /// <summary>A network loaded into again and again, with its parameters and gradients as they must stay.</summary>
    private sealed class Target<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly byte[] _parameters;
        private readonly byte[] _gradients;

        public Target(INetwork<T> network)
        {
            Network = network;
            _parameters = Bytes(network.Parameters);
            _gradients = Bytes(network.Gradients);
        }

        public INetwork<T> Network { get; }

        public bool ParametersUnchanged => MemoryMarshal.AsBytes(Network.Parameters).SequenceEqual(_parameters);

        public bool GradientsUnchanged => MemoryMarshal.AsBytes(Network.Gradients).SequenceEqual(_gradients);

        public void Restore()
        {
            _parameters.CopyTo(MemoryMarshal.AsBytes(Network.Parameters));
            _gradients.CopyTo(MemoryMarshal.AsBytes(Network.Gradients));
        }
    }

    private sealed class Tally
    {
        public int Files { get; set; }

        public int Loaded { get; set; }

        public int Refused { get; set; }

        public int Defects { get; set; }

        public int Failures { get; set; }

        public SortedDictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);
    }

    private readonly record struct Outcome(string Kind, bool Loaded, int NonFinite, long Allocated, bool Remeasured, string? Defect, string? Failure);
}
