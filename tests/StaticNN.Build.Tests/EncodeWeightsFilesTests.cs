using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace StaticNN.Build.Tests;

/// <summary>
/// The task on its own, through <see cref="FakeBuildEngine"/>: the encoded files hold exactly the
/// original bytes in the agreed text form, are rewritten only when that changes, and every failure
/// is a logged error rather than an exception.
/// </summary>
public sealed class EncodeWeightsFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnn-build-").FullName;
    private readonly FakeBuildEngine _engine = new();

    private string OutputFolder => Path.Combine(_folder, "obj", "StaticNN");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(100_000)]
    public void The_encoded_file_is_base64_lines_of_at_most_76_characters_that_decode_to_the_original_bytes(int length)
    {
        byte[] bytes = RandomBytes(length, seed: length);
        string model = WriteFile("model.safetensors", bytes);

        ITaskItem encoded = Assert.Single(Execute(model));

        byte[] text = File.ReadAllBytes(encoded.ItemSpec);
        Assert.Equal(bytes, Decode(text));
        Assert.All(text, b => Assert.True(b == '\n' || IsBase64Character(b), $"byte {b} is neither base64 nor '\\n'"));
        if (length == 0)
        {
            Assert.Empty(text);
            return;
        }

        Assert.Equal((byte)'\n', text[^1]);
        string[] lines = Encoding.ASCII.GetString(text, 0, text.Length - 1).Split('\n');
        Assert.All(lines, line => Assert.InRange(line.Length, 4, 76));
        Assert.All(lines[..^1], line => Assert.Equal(76, line.Length));
    }

    [Fact]
    public void The_encoded_item_carries_the_full_path_of_its_original_and_the_original_metadata()
    {
        string model = WriteFile("model.safetensors", RandomBytes(10, seed: 1));
        var item = new TaskItem(model);
        item.SetMetadata("Custom", "kept");

        ITaskItem encoded = Assert.Single(Execute(item));

        Assert.Equal(model, encoded.GetMetadata(EncodeWeightsFiles.SourceMetadataName));
        Assert.Equal("kept", encoded.GetMetadata("Custom"));
        Assert.Equal(OutputFolder, Path.GetDirectoryName(encoded.ItemSpec));
        Assert.Matches(@"^model\.safetensors\.[0-9a-f]{8}\.b64$", Path.GetFileName(encoded.ItemSpec));
    }

    [Fact]
    public void An_unchanged_input_leaves_the_encoded_file_untouched_and_a_changed_one_rewrites_it()
    {
        string model = WriteFile("model.safetensors", RandomBytes(1000, seed: 2));
        string encoded = Assert.Single(Execute(model)).ItemSpec;
        var longAgo = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(encoded, longAgo);

        Assert.Equal(encoded, Assert.Single(Execute(model)).ItemSpec);
        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(encoded));

        byte[] changed = RandomBytes(1000, seed: 3);
        File.WriteAllBytes(model, changed);
        Assert.Equal(encoded, Assert.Single(Execute(model)).ItemSpec);
        Assert.NotEqual(longAgo, File.GetLastWriteTimeUtc(encoded));
        Assert.Equal(changed, Decode(File.ReadAllBytes(encoded)));
    }

    [Fact]
    public void Files_of_the_same_name_in_different_folders_get_different_encoded_files()
    {
        byte[] first = RandomBytes(100, seed: 4);
        byte[] second = RandomBytes(100, seed: 5);
        string a = WriteFile(Path.Combine("a", "model.safetensors"), first);
        string b = WriteFile(Path.Combine("b", "model.safetensors"), second);

        ITaskItem[] encoded = Execute(a, b);

        Assert.Equal(2, encoded.Length);
        Assert.NotEqual(encoded[0].ItemSpec, encoded[1].ItemSpec);
        Assert.Equal(first, Decode(File.ReadAllBytes(encoded[0].ItemSpec)));
        Assert.Equal(second, Decode(File.ReadAllBytes(encoded[1].ItemSpec)));
        Assert.Equal([a, b], encoded.Select(e => e.GetMetadata(EncodeWeightsFiles.SourceMetadataName)));
    }

    [Fact]
    public void A_file_listed_twice_is_encoded_once()
    {
        string model = WriteFile("model.safetensors", RandomBytes(10, seed: 6));

        Assert.Single(Execute(model, model));
    }

    [Fact]
    public void A_missing_file_is_skipped_without_an_error()
    {
        string missing = Path.Combine(_folder, "missing.safetensors");
        string present = WriteFile("present.safetensors", RandomBytes(10, seed: 7));

        var task = NewTask(missing, present);

        Assert.True(task.Execute());
        Assert.Equal(present, Assert.Single(task.EncodedFiles).GetMetadata(EncodeWeightsFiles.SourceMetadataName));
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        Assert.Contains(_engine.Messages, m => m.Importance == MessageImportance.Low && m.Message?.Contains(missing, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_file_over_64_MiB_is_error_SNN0030_and_produces_no_encoded_file()
    {
        string large = Path.Combine(_folder, "large.safetensors");
        using (var stream = new FileStream(large, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(EncodeWeightsFiles.MaximumFileLength + 1);
        }

        try
        {
            var task = NewTask(large);

            Assert.False(task.Execute());
            Assert.Empty(task.EncodedFiles);
            BuildErrorEventArgs error = Assert.Single(_engine.Errors);
            Assert.Equal("SNN0030", error.Code);
            Assert.Equal(large, error.File);
            Assert.Contains(large, error.Message, StringComparison.Ordinal);
            Assert.Contains("67,108,865 bytes", error.Message, StringComparison.Ordinal);
            Assert.Contains("67,108,864 bytes", error.Message, StringComparison.Ordinal);
            Assert.Contains("network.Load(path)", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(OutputFolder) && Directory.EnumerateFileSystemEntries(OutputFolder).Any());
        }
        finally
        {
            File.Delete(large);
        }
    }

    [Fact]
    public void A_path_that_cannot_be_read_is_error_SNN0030_not_an_exception()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder, "x.safetensors")).FullName;
        string readable = WriteFile("readable.safetensors", RandomBytes(10, seed: 8));

        var task = NewTask(folder, readable);

        Assert.False(task.Execute());
        Assert.Equal(readable, Assert.Single(task.EncodedFiles).GetMetadata(EncodeWeightsFiles.SourceMetadataName));
        BuildErrorEventArgs error = Assert.Single(_engine.Errors);
        Assert.Equal("SNN0030", error.Code);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_error_SNN0030_not_an_exception()
    {
        string model = WriteFile("model.safetensors", RandomBytes(10, seed: 9));
        string blocker = WriteFile("blocker", []);

        var task = NewTask(model);
        task.OutputDirectory = Path.Combine(blocker, "StaticNN");

        Assert.False(task.Execute());
        Assert.Empty(task.EncodedFiles);
        Assert.Equal("SNN0030", Assert.Single(_engine.Errors).Code);
    }

    private ITaskItem[] Execute(params string[] files) =>
        Execute(Array.ConvertAll(files, file => (ITaskItem)new TaskItem(file)));

    private ITaskItem[] Execute(params ITaskItem[] files)
    {
        var task = new EncodeWeightsFiles { BuildEngine = _engine, Files = files, OutputDirectory = OutputFolder };
        Assert.True(task.Execute(), string.Join("\n", _engine.Errors.Select(e => e.Message)));
        Assert.Empty(_engine.Errors);
        return task.EncodedFiles;
    }

    private EncodeWeightsFiles NewTask(params string[] files) => new()
    {
        BuildEngine = _engine,
        Files = Array.ConvertAll(files, file => (ITaskItem)new TaskItem(file)),
        OutputDirectory = OutputFolder,
    };

    private string WriteFile(string relativePath, byte[] bytes)
    {
        string path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Decodes the agreed form strictly: the lines joined must be one valid base64 string.</summary>
    internal static byte[] Decode(byte[] text) =>
        Convert.FromBase64String(Encoding.ASCII.GetString(text).Replace("\n", string.Empty, StringComparison.Ordinal));

    private static bool IsBase64Character(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'/' or (byte)'=';
}
