using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StaticNN.Serialization;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves <c>[Network(Weights = "…")]</c>: a network whose safetensors file (as the build step hands
/// it to the compiler: base64 text tagged with the original path) fits starts with exactly the
/// file's parameters, the same ones the runtime's <c>Load</c> reads; every way the file can be
/// missing, damaged or not fit is an SNN error at the <c>Weights</c> argument, and then the
/// generator emits nothing for that network (so no network silently starts from random parameters).
/// </summary>
public sealed class EmbeddedWeightsTests
{
    private const string WeightsArgument = "Weights = \"model.safetensors\"";

    private delegate void CopyInto(Span<float> destination);

    [Theory]
    [InlineData("float")]
    [InlineData("double")]
    public void A_new_network_starts_with_the_files_parameters_bit_for_bit_and_computes_what_Load_computes(string element)
    {
        (byte[] file, object trained) = TrainedFile(element, seed: 7);
        AnalyzerOptions options = WeightsProject.Options(("/repo/Models/model.safetensors", file));

        using LoadedCompilation loaded = CompileWithWeights(Declaration(element, WeightsArgument), options);
        object embedded = loaded.CreateInstance("Weights.EmbeddedModel");
        if (element == "float")
        {
            var expected = (INetwork<float>)trained;
            var actual = (INetwork<float>)embedded;
            Assert.Equal(Bits(expected.Parameters.ToArray()), Bits(actual.Parameters.ToArray()));
            float[] inputs = Enumerable.Range(0, 3 * 5).Select(i => (float)Math.Sin(i)).ToArray();
            float[] fromLoad = new float[2 * 5];
            float[] fromEmbedded = new float[2 * 5];
            expected.ForwardBatch(inputs, fromLoad);
            actual.ForwardBatch(inputs, fromEmbedded);
            Assert.Equal(Bits(fromLoad), Bits(fromEmbedded));
        }
        else
        {
            var expected = (INetwork<double>)trained;
            var actual = (INetwork<double>)embedded;
            Assert.Equal(expected.Parameters.ToArray().Select(BitConverter.DoubleToInt64Bits), actual.Parameters.ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void The_file_loaded_at_run_time_gives_the_same_parameters_as_the_embedded_ones()
    {
        (byte[] file, _) = TrainedFile("float", seed: 11);
        using LoadedCompilation plain = CompileWithWeights(Declaration("float", weights: null), new AnalyzerOptions([]));
        var loadedAtRunTime = (INetwork<float>)plain.CreateInstance("Weights.EmbeddedModel");
        string path = Path.Combine(Path.GetTempPath(), $"staticnn-embedded-{Guid.NewGuid():N}.safetensors");
        try
        {
            File.WriteAllBytes(path, file);
            loadedAtRunTime.Load(path);
        }
        finally
        {
            File.Delete(path);
        }

        using LoadedCompilation compiledIn = CompileWithWeights(Declaration("float", WeightsArgument), WeightsProject.Options(("/p/model.safetensors", file)));
        var embedded = (INetwork<float>)compiledIn.CreateInstance("Weights.EmbeddedModel");
        Assert.Equal(Bits(loadedAtRunTime.Parameters.ToArray()), Bits(embedded.Parameters.ToArray()));
    }

    [Fact]
    public void The_seeded_constructor_draws_and_LoadEmbeddedParameters_restores_without_allocating()
    {
        (byte[] file, object trained) = TrainedFile("float", seed: 3);
        using LoadedCompilation loaded = CompileWithWeights(Declaration("float", WeightsArgument, optimizer: "Optimizer.Adam"), WeightsProject.Options(("/p/model.safetensors", file)));
        Type type = loaded.Assembly.GetType("Weights.EmbeddedModel", throwOnError: true)!;
        float[] expected = ((INetwork<float>)trained).Parameters.ToArray();

        var seeded = (INetwork<float>)Activator.CreateInstance(type, 3)!;
        Assert.Equal(Bits(expected), Bits(seeded.Parameters.ToArray()));

        var seededOther = (INetwork<float>)Activator.CreateInstance(type, 4)!;
        Assert.NotEqual(Bits(expected), Bits(seededOther.Parameters.ToArray()));

        // Train a step so parameters, gradients and Adam's moments all move, then restore.
        float[] inputs = [0.5f, -1f, 2f];
        float[] targets = [1f, -1f];
        seededOther.TrainBatch(inputs, targets, 0.1f);
        var restore = (Action)Delegate.CreateDelegate(typeof(Action), seededOther, type.GetMethod("LoadEmbeddedParameters")!);
        restore();
        Assert.Equal(Bits(expected), Bits(seededOther.Parameters.ToArray()));
        Assert.All(seededOther.Gradients.ToArray(), g => Assert.Equal(0f, g));

        // Adam's state was cleared too: the next step equals the first step of a new network.
        var fresh = (INetwork<float>)Activator.CreateInstance(type)!;
        seededOther.TrainBatch(inputs, targets, 0.1f);
        fresh.TrainBatch(inputs, targets, 0.1f);
        Assert.Equal(Bits(fresh.Parameters.ToArray()), Bits(seededOther.Parameters.ToArray()));

        restore();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            restore();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // The static copy checks its destination and names it.
        var copy = (CopyInto)Delegate.CreateDelegate(typeof(CopyInto), type.GetMethod("CopyEmbeddedParameters")!);
        float[] copied = new float[fresh.ParameterCount];
        copy(copied);
        Assert.Equal(Bits(expected), Bits(copied));
        float[] tooShort = new float[fresh.ParameterCount - 1];
        var error = Assert.Throws<ArgumentException>(() => copy(tooShort));
        Assert.Equal("destination", error.ParamName);
        Assert.All(tooShort, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_generated_code_compiles_without_warnings_and_spells_out_exact_bits()
    {
        (byte[] file, object trained) = TrainedFile("float", seed: 5);
        AnalyzerOptions options = WeightsProject.Options(("/p/model.safetensors", file));
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", Declaration("float", WeightsArgument)));
        GeneratorRun run = RunGenerator(compilation, options);
        TestHelper.AssertDidNotThrow(run);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
        Assert.Empty(TestHelper.RunAnalyzers(compilation, options));

        string source = Assert.Single(run.Sources).Value;
        float[] parameters = ((INetwork<float>)trained).Parameters.ToArray();
        Assert.Contains($"EmbeddedWeights1 => \"{Base64(parameters[..15])}\"u8;", source, StringComparison.Ordinal);
        Assert.Contains($"EmbeddedBias3 => \"{Base64(parameters[^2..])}\"u8;", source, StringComparison.Ordinal);
        Assert.Contains("// 0.weight: layer 1's weights [5 × 3]", source, StringComparison.Ordinal);
        Assert.Contains("// 4.bias: layer 3's bias [2]", source, StringComparison.Ordinal);
        Assert.Contains("compiled in from model.safetensors", source, StringComparison.Ordinal);
        Assert.DoesNotContain("InitialParameters(0)", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model.safetensors", true)]
    [InlineData("Models/model.safetensors", true)]
    [InlineData("./Models/model.safetensors", true)]
    [InlineData("models\\MODEL.safetensors", true)]
    [InlineData("/repo/Models/model.safetensors", true)]
    [InlineData("odel.safetensors", false)]
    [InlineData("Other/model.safetensors", false)]
    [InlineData("", false)]
    public void The_weights_path_names_the_file_by_a_trailing_part_of_its_path(string weights, bool found)
    {
        (byte[] file, _) = TrainedFile("float", seed: 1);
        AnalyzerOptions options = WeightsProject.Options(("/repo/Models/model.safetensors", file));
        string argument = $"Weights = @\"{weights}\"";
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", Declaration("float", argument)));
        ImmutableArray<Diagnostic> diagnostics = TestHelper.RunAnalyzers(compilation, options);
        GeneratorRun run = RunGenerator(compilation, options);
        TestHelper.AssertDidNotThrow(run);
        if (found)
        {
            Assert.Empty(diagnostics);
            Assert.Single(run.Sources);
        }
        else
        {
            Diagnostic diagnostic = Assert.Single(diagnostics);
            Assert.Equal("SNN0024", diagnostic.Id);
            Assert.Equal(argument, TestHelper.LocatedText(diagnostic));
            Assert.Empty(run.Sources);
        }
    }

    [Fact]
    public void A_file_name_with_a_newline_still_gives_code_that_compiles()
    {
        (byte[] file, _) = TrainedFile("float", seed: 1);
        AnalyzerOptions options = WeightsProject.Options(("/p/odd\nname.safetensors", file));
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", Declaration("float", "Weights = \"odd\\nname.safetensors\"")));
        GeneratorRun run = RunGenerator(compilation, options);
        TestHelper.AssertDidNotThrow(run);
        Assert.Contains("odd?name.safetensors", Assert.Single(run.Sources).Value, StringComparison.Ordinal);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    [Fact]
    public void SNN0024_no_such_additional_file()
    {
        AssertWeightsError(
            new AnalyzerOptions([]),
            "SNN0024",
            "The weights file 'model.safetensors' is not an AdditionalFiles item of the project; add <AdditionalFiles Include=\"…\" /> naming it (weights files must end in .safetensors)");
    }

    [Fact]
    public void SNN0024_two_files_match()
    {
        (byte[] file, _) = TrainedFile("float", seed: 1);
        AssertWeightsError(
            WeightsProject.Options(("/a/model.safetensors", file), ("/b/model.safetensors", file)),
            "SNN0024",
            "The weights file 'model.safetensors' matches 2 AdditionalFiles items (/a/model.safetensors, /b/model.safetensors); write more of its path");
    }

    [Fact]
    public void SNN0025_the_compilers_copy_is_not_base64()
    {
        var text = new InMemoryAdditionalText("/p/obj/model.safetensors.b64", "this is not base64 ~~~");
        AssertWeightsError(
            WeightsProject.Options(text, "/p/model.safetensors"),
            "SNN0025",
            "The weights file 'model.safetensors' is not a valid safetensors file: the compiler's copy is not the base64 text StaticNN's build step writes; is build/StaticNN.targets imported?");
    }

    public static TheoryData<string, string, string> DamagedFiles => new()
    {
        { "truncated to 5 bytes", "SNN0025", "it has 5 bytes, fewer than the 8 of the header length" },
        { "header length past the end", "SNN0025", "its header length 4294967296 is larger than the" },
        { "header not JSON", "SNN0025", "the JSON header is not valid" },
        { "header an array", "SNN0025", "its header is not a JSON object" },
        { "duplicate tensor", "SNN0025", "the name '0.bias' appears twice" },
        { "offsets past the end", "SNN0025", "tensor '4.bias' has data_offsets [" },
        { "overlapping offsets", "SNN0025", "overlap" },
        { "missing tensor", "SNN0026", "it has no tensor '2.weight' (layer 2's weights, shape [4, 5]); it has 0.weight, 0.bias, 2.bias, 4.weight, 4.bias" },
        { "extra tensor", "SNN0026", "it has a tensor 'extra' that the network does not; the network expects 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias" },
        { "transposed weights", "SNN0026", "tensor '0.weight' (layer 1's weights) has shape [3, 5] but the network expects [5, 3]" },
        { "F64 for a float network", "SNN0027", "stores tensor '0.weight' as F64, but 'EmbeddedModel' needs F32" },
        { "F16", "SNN0027", "stores tensor '0.weight' as F16, but 'EmbeddedModel' needs F32" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void Damaged_and_unfitting_files_are_errors_at_the_Weights_argument(string damage, string id, string messagePart)
    {
        (byte[] good, _) = TrainedFile("float", seed: 1);
        byte[] file = Damage(good, damage);
        Diagnostic diagnostic = AssertWeightsError(WeightsProject.Options(("/p/model.safetensors", file)), id, message: null);
        Assert.Contains(messagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void SNN0028_non_finite_values_warn_and_are_compiled_in_as_they_are()
    {
        (byte[] good, _) = TrainedFile("float", seed: 1);
        byte[] file = WithValues(good, (0, float.NaN), (3, float.PositiveInfinity));
        AnalyzerOptions options = WeightsProject.Options(("/p/model.safetensors", file));
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", Declaration("float", WeightsArgument)));
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation, options));
        Assert.Equal("SNN0028", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("The weights file 'model.safetensors' holds 2 values that are NaN or infinite; they are compiled in as they are, and the network's outputs will be too", diagnostic.GetMessage(CultureInfo.InvariantCulture));

        using LoadedCompilation loaded = CompileWithWeights(Declaration("float", WeightsArgument), options);
        var network = (INetwork<float>)loaded.CreateInstance("Weights.EmbeddedModel");
        Assert.True(float.IsNaN(network.Parameters[0]));
        Assert.Equal(float.PositiveInfinity, network.Parameters[3]);
    }

    [Fact]
    public void SNN0028_counts_non_finite_doubles()
    {
        (byte[] good, _) = TrainedFile("double", seed: 1);
        byte[] file = (byte[])good.Clone();
        int dataStart = 8 + (int)BitConverter.ToUInt64(file, 0);
        BitConverter.GetBytes(double.NegativeInfinity).CopyTo(file, dataStart + 8);
        BitConverter.GetBytes(double.NaN).CopyTo(file, dataStart + 16);
        BitConverter.GetBytes(double.MaxValue).CopyTo(file, dataStart + 24);
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", Declaration("double", WeightsArgument)));
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation, WeightsProject.Options(("/p/model.safetensors", file))));
        Assert.Equal("SNN0028", diagnostic.Id);
        Assert.Contains("holds 2 values that are NaN or infinite", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void SNN0029_a_network_too_large_to_compile_in()
    {
        string source = """
            using StaticNN;
            namespace Weights;
            [Network(Weights = "big.safetensors")]
            [Dense(2048, 2048)]
            public partial class BigModel { }
            """;
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", source));
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation, new AnalyzerOptions([])));
        Assert.Equal("SNN0029", diagnostic.Id);
        Assert.Equal("The network 'BigModel' has 4,196,352 parameters, more than the 4,194,304 StaticNN compiles into an assembly; load the weights at run time with Load instead", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Weights = \"big.safetensors\"", TestHelper.LocatedText(diagnostic));
        GeneratorRun run = RunGenerator(compilation, new AnalyzerOptions([]));
        TestHelper.AssertDidNotThrow(run);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_network_without_Weights_ignores_weights_files_and_other_additional_files_are_not_read()
    {
        (byte[] file, _) = TrainedFile("float", seed: 1);
        var unrelated = new ThrowingAdditionalText("/p/notes.txt");
        AnalyzerOptions options = WeightsProject.Options(("/p/model.safetensors", file)) is var withFile
            ? new AnalyzerOptions(withFile.AdditionalFiles.Add(unrelated), withFile.AnalyzerConfigOptionsProvider)
            : throw new InvalidOperationException();
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", Declaration("float", weights: null)));
        Assert.Empty(TestHelper.RunAnalyzers(compilation, options));
        GeneratorRun run = RunGenerator(compilation, options);
        TestHelper.AssertDidNotThrow(run);
        Assert.Contains("InitialParameters(0)", Assert.Single(run.Sources).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrelated_edit_is_cached_and_a_new_weights_file_changes_the_output()
    {
        (byte[] first, _) = TrainedFile("float", seed: 1);
        (byte[] second, object secondNetwork) = TrainedFile("float", seed: 2);
        var firstText = WeightsProject.Text("/p/model.safetensors", first);
        AnalyzerOptions options = WeightsProject.Options(firstText, "/p/model.safetensors");
        Compilation compilation = TestHelper.CreateCompilation(
            new SourceFile("Network.cs", Declaration("float", WeightsArgument)),
            new SourceFile("Other.cs", "namespace Other; internal static class Helper { public static int Value() => 1; }"));
        GeneratorRun run = RunGenerator(compilation, options);
        string firstSource = Assert.Single(run.Sources).Value;

        Compilation edited = TestHelper.ReplaceFile(compilation, "Other.cs", "namespace Other; internal static class Helper { public static int Value() => 2; }");
        GeneratorRun rerun = TestHelper.RunGenerator(edited, run.Driver);
        Assert.All(
            rerun.Result.TrackedSteps[NetworkGeneratorStepNames.Weights].SelectMany(step => step.Outputs),
            output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(
            rerun.Result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));

        GeneratorDriver replaced = rerun.Driver.ReplaceAdditionalText(firstText, WeightsProject.Text("/p/model.safetensors", second));
        GeneratorRun afterNewWeights = TestHelper.RunGenerator(edited, replaced);
        Assert.Contains(
            afterNewWeights.Result.TrackedSteps[NetworkGeneratorStepNames.Weights].SelectMany(step => step.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        string secondSource = Assert.Single(afterNewWeights.Sources).Value;
        Assert.NotEqual(firstSource, secondSource);
        float[] second15 = ((INetwork<float>)secondNetwork).Parameters[..15].ToArray();
        Assert.Contains($"EmbeddedWeights1 => \"{Base64(second15)}\"u8;", secondSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Randomly_damaged_files_never_crash_the_generator_or_the_analyzer()
    {
        // Seeded mutations of a valid file: flipped bits (header and data), truncations, bytes
        // overwritten with random ones, a random header length. Each run must end in either the
        // network compiled with the file's values or an SNN error, with no generator failure
        // (CS8785) and no analyzer crash (AD0001, which RunAnalyzers asserts against).
        (byte[] good, _) = TrainedFile("float", seed: 1);
        var random = new Random(20261128);
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile("Network.cs", Declaration("float", WeightsArgument)));
        int compiled = 0, rejected = 0;
        for (int trial = 0; trial < 150; trial++)
        {
            byte[] file = (byte[])good.Clone();
            switch (trial % 5)
            {
                case 0:
                    int headerEnd = 8 + (int)BitConverter.ToUInt64(good, 0);
                    file[random.Next(8, headerEnd)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    file = file[..random.Next(file.Length)];
                    break;
                case 2:
                    for (int i = random.Next(1, 8); i > 0; i--)
                    {
                        file[random.Next(file.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 3:
                    BitConverter.GetBytes((ulong)random.NextInt64()).CopyTo(file, 0);
                    break;
                default:
                    file[random.Next(file.Length)] ^= (byte)(1 << random.Next(8));
                    break;
            }

            AnalyzerOptions options = WeightsProject.Options(("/p/model.safetensors", file));
            ImmutableArray<Diagnostic> diagnostics = TestHelper.RunAnalyzers(compilation, options);
            GeneratorRun run = RunGenerator(compilation, options);
            TestHelper.AssertDidNotThrow(run);
            bool hasError = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            Assert.All(diagnostics, d => Assert.StartsWith("SNN002", d.Id, StringComparison.Ordinal));
            Assert.Equal(!hasError, run.Sources.Count == 1);
            if (hasError)
            {
                rejected++;
            }
            else
            {
                compiled++;
                GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(run.OutputCompilation);
            }
        }

        // Both outcomes occur: data-only flips still compile (a changed value), structural damage does not.
        Assert.True(compiled > 0 && rejected > 0, $"compiled {compiled}, rejected {rejected}");
    }

    private static string Declaration(string element, string? weights, string optimizer = "Optimizer.Sgd")
    {
        string arguments = $"Loss.Mse, ElementType = typeof({element}), Optimizer = {optimizer}" + (weights is null ? "" : ", " + weights);
        return $$"""
            using StaticNN;

            namespace Weights;

            [Network({{arguments}})]
            [Dense(3, 5, Activation.ReLU)]
            [Dense(5, 4, Activation.Tanh)]
            [Dense(4, 2)]
            public partial class EmbeddedModel
            {
            }
            """;
    }

    /// <summary>Compiles the declaration without weights, draws parameters from <paramref name="seed"/> and saves them with the runtime.</summary>
    private static (byte[] File, object Network) TrainedFile(string element, int seed)
    {
        LoadedCompilation loaded = CompileWithWeights(Declaration(element, weights: null), new AnalyzerOptions([]));
        Type type = loaded.Assembly.GetType("Weights.EmbeddedModel", throwOnError: true)!;
        object network = Activator.CreateInstance(type, seed)!;
        string path = Path.Combine(Path.GetTempPath(), $"staticnn-embedded-{Guid.NewGuid():N}.safetensors");
        try
        {
            if (network is INetwork<float> single)
            {
                single.Save(path);
            }
            else
            {
                ((INetwork<double>)network).Save(path);
            }

            return (File.ReadAllBytes(path), network);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static LoadedCompilation CompileWithWeights(string source, AnalyzerOptions options)
    {
        GeneratorRun run = RunGenerator(TestHelper.CreateCompilation(new SourceFile("Network.cs", source)), options);
        TestHelper.AssertDidNotThrow(run);
        return LoadedCompilation.Emit(run.OutputCompilation);
    }

    private static GeneratorRun RunGenerator(Compilation compilation, AnalyzerOptions options) =>
        TestHelper.RunGenerator(compilation, TestHelper.CreateDriver(options));

    private static Diagnostic AssertWeightsError(AnalyzerOptions options, string id, string? message)
    {
        Compilation compilation = TestHelper.CreateCompilation(
            new SourceFile("Network.cs", Declaration("float", WeightsArgument)),
            new SourceFile("Control.cs", SampleNetworks.Control));
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation, options));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        if (message is not null)
        {
            Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        }

        Assert.Equal(WeightsArgument, TestHelper.LocatedText(diagnostic));
        GeneratorRun run = RunGenerator(compilation, options);
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal([SampleNetworks.ControlHintName], run.Sources.Keys);
        return diagnostic;
    }

    /// <summary>How the generated source spells a tensor: its little-endian bytes in base64.</summary>
    private static string Base64(float[] values) =>
        Convert.ToBase64String(values.SelectMany(v => BitConverter.GetBytes(BitConverter.SingleToUInt32Bits(v))).ToArray());

    private static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();

    /// <summary>Rewrites a safetensors file made by Save: its header (as JSON text) and data.</summary>
    private static byte[] Rewrite(byte[] file, Func<string, string> header, Func<byte[], byte[]>? data = null)
    {
        int length = (int)BitConverter.ToUInt64(file, 0);
        string json = Encoding.UTF8.GetString(file, 8, length);
        byte[] newHeader = Encoding.UTF8.GetBytes(header(json));
        byte[] newData = (data ?? (d => d))(file[(8 + length)..]);
        return [.. BitConverter.GetBytes((ulong)newHeader.Length), .. newHeader, .. newData];
    }

    private static byte[] Damage(byte[] file, string damage) => damage switch
    {
        "truncated to 5 bytes" => file[..5],
        "header length past the end" => [.. BitConverter.GetBytes(1UL << 32), .. file[8..]],
        "header not JSON" => Rewrite(file, json => json.Replace("\"dtype\":", "\"dtype\"", StringComparison.Ordinal)),
        "header an array" => Rewrite(file, _ => "[1, 2]"),
        "duplicate tensor" => Rewrite(file, json => json.Replace("\"0.bias\":", "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20]},\"0.bias\":", StringComparison.Ordinal)),
        "offsets past the end" => Rewrite(file, json => json, data => data[..^4]),
        "overlapping offsets" => Rewrite(file, json => RenameOffsets(json, "0.bias", "[0,20]")),
        "missing tensor" => Rewrite(file, json => RemoveTensor(json, "2.weight")),
        "extra tensor" => Rewrite(file, json => json.TrimEnd()[..^1] + ",\"extra\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}"),
        "transposed weights" => Rewrite(file, json => json.Replace("\"shape\":[5,3]", "\"shape\":[3,5]", StringComparison.Ordinal)),
        "F64 for a float network" => Rewrite(file, json => ReplaceFirst(json, "\"F32\"", "\"F64\"")),
        "F16" => Rewrite(file, json => ReplaceFirst(json, "\"F32\"", "\"F16\"")),
        _ => throw new ArgumentOutOfRangeException(nameof(damage), damage, null),
    };

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        int at = text.IndexOf(old, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + old.Length)..];
    }

    private static string RenameOffsets(string json, string tensor, string offsets)
    {
        int start = json.IndexOf($"\"{tensor}\":", StringComparison.Ordinal);
        int offsetsAt = json.IndexOf("\"data_offsets\":", start, StringComparison.Ordinal) + "\"data_offsets\":".Length;
        int end = json.IndexOf(']', offsetsAt) + 1;
        return json[..offsetsAt] + offsets + json[end..];
    }

    private static string RemoveTensor(string json, string tensor)
    {
        int start = json.IndexOf($"\"{tensor}\":", StringComparison.Ordinal);
        int end = json.IndexOf('}', start) + 1;
        return json[..start] + json[(end + 1)..];
    }

    private static byte[] WithValues(byte[] file, params (int Index, float Value)[] values)
    {
        byte[] copy = (byte[])file.Clone();
        int dataStart = 8 + (int)BitConverter.ToUInt64(file, 0);
        foreach ((int index, float value) in values)
        {
            BitConverter.GetBytes(value).CopyTo(copy, dataStart + (4 * index));
        }

        return copy;
    }
}

/// <summary>Weights files as StaticNN's build step hands them to the compiler.</summary>
internal static class WeightsProject
{
    /// <summary>The base64 copy of a weights file, named as the build step names it.</summary>
    public static InMemoryAdditionalText Text(string sourcePath, byte[] bytes) =>
        new($"/obj/staticnn/{Path.GetFileName(sourcePath)}.{(uint)sourcePath.GetHashCode(StringComparison.Ordinal):x8}.b64", Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");

    public static AnalyzerOptions Options(params (string SourcePath, byte[] Bytes)[] files)
    {
        var texts = files.Select(f => (Text: (AdditionalText)Text(f.SourcePath, f.Bytes), f.SourcePath)).ToArray();
        return new AnalyzerOptions(
            texts.Select(t => t.Text).ToImmutableArray(),
            new WeightsOptionsProvider(texts.ToDictionary(t => t.Text.Path, t => t.SourcePath)));
    }

    public static AnalyzerOptions Options(AdditionalText text, string sourcePath) =>
        new([text], new WeightsOptionsProvider(new Dictionary<string, string> { [text.Path] = sourcePath }));

    private sealed class WeightsOptionsProvider(Dictionary<string, string> sources) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(null);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(sources.TryGetValue(textFile.Path, out string? source) ? source : null);

        private sealed class Options(string? source) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = key == "build_metadata.AdditionalFiles.StaticNNWeightsSource" ? source : null;
                return value is not null;
            }
        }
    }
}

/// <summary>An additional file held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
}

/// <summary>An additional file that must never be read.</summary>
internal sealed class ThrowingAdditionalText(string path) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"{Path} is not a weights file and must not be read.");
}
