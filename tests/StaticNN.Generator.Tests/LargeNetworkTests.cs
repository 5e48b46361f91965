using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves SNN0023: a network past 256 MiB of parameters gets a warning with the bytes it will
/// take, at the class name, and is still generated (with loops, not unrolled code); one just under
/// the limit gets no warning.
/// </summary>
public sealed class LargeNetworkTests
{
    [Fact]
    public void A_network_past_256_MiB_warns_with_its_size_and_is_still_generated()
    {
        const string source = """
            using StaticNN;
            namespace Big;
            /// <summary>A very wide network.</summary>
            [Dense(20000, 20000, Activation.ReLU)]
            [Dense(20000, 1)]
            public partial class Huge { }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation));
        Assert.Equal("SNN0023", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "The network 'Huge' has 400040001 parameters: 1600160004 bytes of parameters and as much again for gradients, more than the 268435456 bytes StaticNN considers small",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Huge", TestHelper.LocatedText(diagnostic));

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        string generated = Assert.Single(run.Sources).Value;

        // Compact: the sizes appear only as literals passed to the kernels, so the file is no longer
        // than the one of a 2 → 2 → 1 network but for the digits of the numbers (it even lacks the
        // typed overloads, which stop at 16,384 values).
        string small = Assert.Single(TestHelper.RunGenerator(source
            .Replace("20000", "2", StringComparison.Ordinal)
            .Replace("class Huge", "class Small", StringComparison.Ordinal)).Sources).Value;
        Assert.True(generated.Split('\n').Length <= small.Split('\n').Length, "the large network's file has more lines");
        Assert.True(generated.Length <= small.Length + 500, $"{generated.Length} characters against {small.Length}");
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("typeof(float)", 8191, false)]
    [InlineData("typeof(float)", 8192, true)]
    [InlineData("typeof(double)", 5791, false)]
    [InlineData("typeof(double)", 5792, true)]
    public void The_limit_counts_the_element_size(string elementType, int width, bool warns)
    {
        // (width + 1)² parameters (width² weights, width biases, then width weights and a bias) against 2^28 bytes.
        string source = $$"""
            using StaticNN;
            namespace Big;
            /// <summary>A wide network.</summary>
            [Network(ElementType = {{elementType}})]
            [Dense({{width}}, {{width}}, Activation.ReLU)]
            [Dense({{width}}, 1)]
            public partial class Wide { }
            """;
        bool warned = TestHelper.RunAnalyzers(TestHelper.CreateCompilation(source)).Any(d => d.Id == "SNN0023");
        Assert.Equal(warns, warned);
    }
}
