using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the generated code for a range of declarations (namespaces, nesting, records, depths,
/// element types, losses, activations) compiles with every warning on and treated as an error,
/// and that the emitted class loads and runs a forward pass through <see cref="INetwork{T}"/>.
/// </summary>
public sealed class GeneratedCodeCompilesTests
{
    public static TheoryData<SampleNetwork> Samples => new(SampleNetworks.All);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Generated_code_compiles_without_warnings_and_runs_forward(SampleNetwork sample)
    {
        GeneratorRun run = TestHelper.RunGenerator(sample.Source);
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal([sample.HintName], run.Sources.Keys);

        Compilation strict = Strict(run.OutputCompilation);
        AssertNoWarningsOrErrors(strict);

        using var loaded = LoadedCompilation.Emit(strict);
        object instance = loaded.CreateInstance(sample.MetadataName);
        AssertForwardRuns(instance);
    }

    [Fact]
    public void Strict_check_catches_warnings_that_are_off_by_default_elsewhere()
    {
        // CS1591 (missing XML comment) needs documentation mode; CS8600 needs nullable; CS0219 is a plain warning.
        Compilation compilation = TestHelper.CreateCompilation("""
            public class Undocumented
            {
                internal static void M(string? s) { string t = s; int unused = 0; }
            }
            """);
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoWarningsOrErrors(Strict(compilation)));
        Assert.Contains("CS1591", error.Message, StringComparison.Ordinal);
        Assert.Contains("CS8600", error.Message, StringComparison.Ordinal);
        Assert.Contains("CS0219", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The compiler options of the check: warning level 9999, nullable on, every warning an error.</summary>
    internal static Compilation Strict(Compilation compilation) =>
        compilation.WithOptions(((CSharpCompilationOptions)compilation.Options)
            .WithWarningLevel(9999)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error));

    internal static void AssertNoWarningsOrErrors(Compilation compilation)
    {
        Diagnostic[] problems = compilation.GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            .ToArray();
        Assert.True(problems.Length == 0, "The compilation has warnings or errors:\n" + string.Join("\n", problems.Select(d => d.ToString())));
    }

    /// <summary>Runs one forward pass through whichever of INetwork&lt;float&gt; or INetwork&lt;double&gt; the instance implements.</summary>
    internal static void AssertForwardRuns(object instance)
    {
        switch (instance)
        {
            case INetwork<float> network:
            {
                Assert.True(network.InputSize > 0);
                Assert.True(network.OutputSize > 0);
                float[] input = Enumerable.Range(0, network.InputSize).Select(i => (float)Math.Sin(i + 1)).ToArray();
                float[] output = new float[network.OutputSize];
                Array.Fill(output, float.NaN);
                network.Forward(input, output);
                Assert.All(output, value => Assert.True(float.IsFinite(value), $"Output {value} is not finite."));
                break;
            }

            case INetwork<double> network:
            {
                Assert.True(network.InputSize > 0);
                Assert.True(network.OutputSize > 0);
                double[] input = Enumerable.Range(0, network.InputSize).Select(i => Math.Sin(i + 1)).ToArray();
                double[] output = new double[network.OutputSize];
                Array.Fill(output, double.NaN);
                network.Forward(input, output);
                Assert.All(output, value => Assert.True(double.IsFinite(value), $"Output {value} is not finite."));
                break;
            }

            default:
                Assert.Fail($"{instance.GetType()} implements neither INetwork<float> nor INetwork<double>.");
                break;
        }
    }
}

/// <summary>An emitted in-memory assembly loaded into its own collectible load context, unloaded on dispose.</summary>
internal sealed class LoadedCompilation : IDisposable
{
    private readonly RuntimeResolvingContext _context;

    private LoadedCompilation(RuntimeResolvingContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public static LoadedCompilation Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        Assert.True(result.Success, "Emit failed:\n" + string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        var context = new RuntimeResolvingContext();
        return new LoadedCompilation(context, context.LoadFromStream(stream));
    }

    public object CreateInstance(string metadataName)
    {
        Type type = Assembly.GetType(metadataName, throwOnError: true)!;
        return Activator.CreateInstance(type, nonPublic: true)!;
    }

    public void Dispose() => _context.Unload();

    /// <summary>Resolves StaticNN to the test's own copy, so the loaded networks implement the INetwork the test casts to.</summary>
    private sealed class RuntimeResolvingContext() : AssemblyLoadContext("StaticNN.Generator.Tests.Emitted", isCollectible: true)
    {
        private static readonly Assembly Runtime = typeof(INetwork<>).Assembly;

        protected override Assembly? Load(AssemblyName assemblyName) =>
            AssemblyName.ReferenceMatchesDefinition(assemblyName, Runtime.GetName()) ? Runtime : null;
    }
}
