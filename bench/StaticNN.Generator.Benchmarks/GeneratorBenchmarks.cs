using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNN.Generator;

namespace StaticNN.Generator.Benchmarks;

/// <summary>
/// The cost of the generator itself inside the compiler: a full run over a compilation with one
/// network and with 100 networks, and a re-run after an edit that touches no network (which must
/// reuse every cached step). The target is at most 1 ms of generation per network.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _one = null!;
    private CSharpCompilation _hundred = null!;
    private GeneratorDriver _warmHundred = null!;
    private CSharpCompilation _hundredEdited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _one = Compile(Networks(1));
        _hundred = Compile(Networks(100));
        _warmHundred = NewDriver().RunGenerators(_hundred);
        SyntaxTree unrelated = _hundred.SyntaxTrees.Last();
        _hundredEdited = _hundred.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(unrelated.GetText().Replace(0, 0, "// edited\n")));
    }

    [Benchmark(Description = "1 network, cold driver")]
    public GeneratorDriver OneNetwork() => NewDriver().RunGenerators(_one);

    [Benchmark(Description = "100 networks, cold driver")]
    public GeneratorDriver HundredNetworks() => NewDriver().RunGenerators(_hundred);

    [Benchmark(Description = "100 networks, unrelated edit (incremental)")]
    public GeneratorDriver HundredNetworksAfterUnrelatedEdit() => _warmHundred.RunGenerators(_hundredEdited);

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.Latest));

    /// <summary>Source for <paramref name="count"/> networks, one per file, plus one file with no network.</summary>
    internal static IEnumerable<string> Networks(int count)
    {
        for (int n = 0; n < count; n++)
        {
            int hidden = 8 + (n % 50);
            yield return string.Create(CultureInfo.InvariantCulture, $$"""
                using StaticNN;
                namespace Bench;
                [Network(Loss.Mse)]
                [Dense({{4 + (n % 60)}}, {{hidden}}, Activation.ReLU)]
                [Dense({{hidden}}, {{hidden}}, Activation.Tanh)]
                [Dense({{hidden}}, 1)]
                public partial class Net{{n}} { }
                """);
        }

        yield return "namespace Bench; public static class Unrelated { public static int Answer() => 42; }";
    }

    internal static CSharpCompilation Compile(IEnumerable<string> sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(DenseAttribute).Assembly.Location));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        return CSharpCompilation.Create(
            "Bench",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"File{i}.cs", encoding: Encoding.UTF8)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }
}
