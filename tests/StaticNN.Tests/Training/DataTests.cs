using System;
using System.IO;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using StaticNN.Data;

namespace StaticNN.Tests.Training;

/// <summary>
/// Proves the loaders read what they should and refuse damaged files with a message that names the
/// file (and, for CSV, the line): CSV columns, IDX (plain and gzip), the shipped data sets,
/// time-series windows and standardization.
/// </summary>
public sealed class DataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnn-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Csv_reads_the_requested_columns_in_the_order_asked()
    {
        string path = Write("a.csv", "year,label,births\n2000,\"x, y\",9083\n\n2001,\"say \"\"hi\"\"\",8006.5\n");
        double[][] columns = Csv.ReadColumns(path, "births", "year");
        Assert.Equal([9083, 8006.5], columns[0]);
        Assert.Equal([2000, 2001], columns[1]);
        Assert.Equal([2000, 2001], Csv.ReadColumn(path, "year"));
    }

    [Theory]
    [InlineData("year,births\n2000,9083\n2001,abc\n", "line 3", "'abc'")]
    [InlineData("year,births\n2000,9083\n2001\n", "line 3", "expected 2 fields")]
    [InlineData("year,births\n2000,\"9083\n", "line 2", "not closed")]
    [InlineData("year,count\n2000,9083\n", "line 1", "'births'")]
    [InlineData("", "empty", "header")]
    public void Malformed_csv_names_the_file_and_the_line(string text, string where, string what)
    {
        string path = Write("bad.csv", text);
        var exception = Assert.Throws<InvalidDataException>(() => Csv.ReadColumn(path, "births"));
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains(where, exception.Message, StringComparison.Ordinal);
        Assert.Contains(what, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(_folder, "nowhere.csv");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => Csv.ReadColumn(path, "x")).Message, StringComparison.Ordinal);
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => Idx.Read(path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Idx_reads_dimensions_and_bytes_plain_or_gzip(bool gzip)
    {
        byte[] file = [0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        string path = WriteBytes("images.idx", gzip ? Gzip(file) : file);
        IdxData data = Idx.Read(path);
        Assert.Equal([2, 2, 3], data.Dimensions);
        Assert.Equal(2, data.Count);
        Assert.Equal(6, data.ItemSize);
        Assert.Equal(file[16..], data.Data);
        float[] values = data.ToValues<float>();
        Assert.Equal(0f, values[0]);
        Assert.Equal(1f, values[1]);
        Assert.Equal(10f / 255f, values[2]);
    }

    [Fact]
    public void Idx_labels_become_one_hot_rows()
    {
        string path = WriteBytes("labels.idx", [0, 0, 0x08, 1, 0, 0, 0, 3, 2, 0, 1]);
        double[] oneHot = Idx.Read(path).ToOneHot<double>(3);
        Assert.Equal([0, 0, 1, 1, 0, 0, 0, 1, 0], oneHot);
        Assert.Throws<InvalidOperationException>(() => Idx.Read(path).ToOneHot<double>(2));
    }

    public static TheoryData<string, byte[], string> DamagedIdx => new()
    {
        { "wrong magic", [1, 0, 0x08, 1, 0, 0, 0, 1, 7], "first two bytes" },
        { "float elements", [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], "0x0D" },
        { "no dimensions", [0, 0, 0x08, 0], "at least one dimension" },
        { "header cut", [0, 0, 0x08], "ends early" },
        { "dimension cut", [0, 0, 0x08, 2, 0, 0, 0, 5, 0, 0], "ends early" },
        { "data cut", [0, 0, 0x08, 1, 0, 0, 0, 5, 1, 2], "only 2 of 5 bytes" },
        { "hostile size", [0, 0, 0x08, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF], "more than" },
    };

    [Theory]
    [MemberData(nameof(DamagedIdx))]
    public void Damaged_idx_names_the_file_and_what_is_wrong(string what, byte[] file, string message)
    {
        string path = WriteBytes(what.Replace(' ', '-') + ".idx", file);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);

        // A header claiming 2^93 bytes must be refused before anything that size is allocated.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, what);
    }

    [Fact]
    public void Damaged_gzip_is_reported_with_the_file_name()
    {
        byte[] compressed = Gzip([0, 0, 0x08, 1, 0, 0, 0, 4, 1, 2, 3, 4]);
        compressed[12] ^= 0xFF;
        compressed[13] ^= 0xFF;
        string path = WriteBytes("damaged.gz", compressed);
        var exception = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_data_sets_load_with_the_runtime_loaders()
    {
        string data = Path.Combine(RepositoryRoot(), "src", "Samples", "Data");
        IdxData images = Idx.Read(Path.Combine(data, "mnist-10k", "images-idx3-ubyte.gz"));
        IdxData labels = Idx.Read(Path.Combine(data, "mnist-10k", "labels-idx1-ubyte.gz"));
        Assert.Equal([10000, 28, 28], images.Dimensions);
        Assert.Equal([10000], labels.Dimensions);

        // The class counts the data set's provenance states.
        int[] counts = new int[10];
        foreach (byte label in labels.Data)
        {
            counts[label]++;
        }

        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], counts);

        double[][] births = Csv.ReadColumns(Path.Combine(data, "us-births", "us-births-2000-2014.csv"), "year", "births");
        Assert.Equal(5479, births[0].Length);
        Assert.Equal(2000, births[0][0]);
        Assert.Equal(9083, births[1][0]);
        Assert.Equal(2014, births[0][^1]);
    }

    [Fact]
    public void Windows_hold_the_past_days_and_the_next_day()
    {
        float[] series = [1, 2, 3, 4, 5, 6];
        (float[] inputs, float[] targets) = TimeSeries.Windows<float>(series, 2);
        Assert.Equal([1, 2, 2, 3, 3, 4, 4, 5], inputs);
        Assert.Equal([3, 4, 5, 6], targets);

        (inputs, targets) = TimeSeries.Windows<float>(series, 3, firstTarget: 4, endTarget: 6);
        Assert.Equal([2, 3, 4, 3, 4, 5], inputs);
        Assert.Equal([5, 6], targets);

        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSeries.Windows<float>(series, 3, firstTarget: 2, endTarget: 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSeries.Windows<float>(series, 2, firstTarget: 4, endTarget: 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSeries.Windows<float>(series, 2, firstTarget: 4, endTarget: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSeries.Windows<float>(series, 0));
    }

    [Fact]
    public void Standardizer_uses_the_statistics_it_was_fitted_on()
    {
        double[] training = [2, 4, 4, 4, 5, 5, 7, 9];
        Standardizer standardizer = Standardizer.Fit<double>(training);
        Assert.Equal(5, standardizer.Mean);
        Assert.Equal(2, standardizer.StandardDeviation);

        double[] unseen = [5, 9, 1];
        standardizer.Apply<double>(unseen);
        Assert.Equal([0, 2, -2], unseen);
        Assert.Equal(9, standardizer.Invert(2));
        Assert.Throws<ArgumentException>(() => Standardizer.Fit<double>([3, 3, 3]));
        Assert.Throws<ArgumentException>(() => Standardizer.Fit<double>([]));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static string RepositoryRoot([CallerFilePath] string path = "")
    {
        for (string? folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "staticnn.sln")))
            {
                return folder;
            }
        }

        for (string? folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "staticnn.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of staticnn.sln) was not found.");
    }
}
