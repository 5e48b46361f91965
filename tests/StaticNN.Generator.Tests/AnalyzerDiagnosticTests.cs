using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves each StaticNN diagnostic is reported with its ID, severity, exact message and at the
/// exact source text that is wrong, and that for every error the generator emits nothing for the
/// class and does not fail (a valid control network in the same compilation is still generated).
/// </summary>
public sealed class AnalyzerDiagnosticTests
{
    [Fact]
    public void SNN0001_network_class_not_partial()
    {
        AssertSingleError(
            """
            [StaticNN.Dense(2, 1)]
            public class NotPartialModel
            {
            }
            """,
            "SNN0001",
            "The network class 'NotPartialModel' must be declared partial so that StaticNN can add its generated members",
            "NotPartialModel");
    }

    [Fact]
    public void SNN0002_containing_type_not_partial()
    {
        AssertSingleError(
            """
            public class Outer
            {
                [StaticNN.Dense(2, 1)]
                public partial class InnerModel
                {
                }
            }
            """,
            "SNN0002",
            "'Outer' contains the network class 'InnerModel' and must be declared partial so that StaticNN can add the generated members",
            "Outer");
    }

    [Fact]
    public void SNN0003_generic_network()
    {
        AssertSingleError(
            """
            [StaticNN.Dense(2, 1)]
            public partial class GenericModel<T>
            {
            }
            """,
            "SNN0003",
            "The network class 'GenericModel' cannot be generic: its sizes and element type are fixed by its attributes",
            "GenericModel");
    }

    [Fact]
    public void SNN0004_static_network()
    {
        AssertSingleError(
            """
            [StaticNN.Dense(2, 1)]
            public static partial class StaticModel
            {
            }
            """,
            "SNN0004",
            "The network class 'StaticModel' cannot be static: a network is an object that owns its parameters",
            "StaticModel");
    }

    [Theory]
    [InlineData("[Dense(0, 3, Activation.ReLU)] [Dense(3, 1)]", "Layer 1 has 0 inputs, but a layer size must be at least 1", "0")]
    [InlineData("[Dense(4, 0, Activation.ReLU)]", "Layer 1 has 0 outputs, but a layer size must be at least 1", "0")]
    [InlineData("[Dense(4, 3, Activation.ReLU)] [Dense(3, -3)]", "Layer 2 has -3 outputs, but a layer size must be at least 1", "-3")]
    [InlineData("[Dense(4, 3, Activation.ReLU)] [Dense(-1, 2)]", "Layer 2 has -1 inputs, but a layer size must be at least 1", "-1")]
    [InlineData("[Dense(4, outputs: -7)]", "Layer 1 has -7 outputs, but a layer size must be at least 1", "outputs: -7")]
    public void SNN0005_layer_size_not_positive(string layers, string message, string located)
    {
        AssertSingleError(Network(layers), "SNN0005", message, located);
    }

    [Theory]
    [InlineData("[Dense(56, 100, Activation.ReLU)] [Dense(50, 1)]", "50")]
    [InlineData("[Dense(56, 100, Activation.ReLU)] [Dense(inputs: 50, outputs: 1)]", "inputs: 50")]
    [InlineData("[Dense(56, 100, Activation.ReLU)] [Dense(outputs: 1, inputs: 50)]", "inputs: 50")]
    public void SNN0006_inputs_do_not_match_previous_outputs(string layers, string located)
    {
        AssertSingleError(Network(layers), "SNN0006", "Layer 2 expects 50 inputs but layer 1 produces 100", located);
    }

    [Theory]
    [InlineData("[Dense(50000, 50000)]", "The network 'Model' reaches 2500050000 parameters at layer 1, more than the 2147483591 that one .NET array can hold", "Dense(50000, 50000)")]
    [InlineData("[Dense(40000, 40000, Activation.ReLU)] [Dense(40000, 20000)]", "The network 'Model' reaches 2400060000 parameters at layer 2, more than the 2147483591 that one .NET array can hold", "Dense(40000, 20000)")]
    [InlineData("[Dense(int.MaxValue, int.MaxValue)]", "The network 'Model' reaches 4611686016279904256 parameters at layer 1, more than the 2147483591 that one .NET array can hold", "Dense(int.MaxValue, int.MaxValue)")]
    public void SNN0007_too_many_parameters(string layers, string message, string located)
    {
        AssertSingleError(Network(layers), "SNN0007", message, located);
    }

    [Fact]
    public void SNN0007_is_not_reported_just_under_the_limit()
    {
        // 46339·46339 + 46339 = 2147349260 parameters: under Array.MaxLength (2147483591), so valid.
        // It is large, so the only diagnostic is SNN0023's warning with the bytes it takes.
        Compilation compilation = TestHelper.CreateCompilation(Network("[Dense(46339, 46339)]"));
        Assert.Equal(["SNN0023"], TestHelper.RunAnalyzers(compilation).Select(d => d.Id));

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Contains("public const int ParameterCount = 2147349260;", Assert.Single(run.Sources).Value, System.StringComparison.Ordinal);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    [Fact]
    public void SNN0008_network_without_layers()
    {
        AssertSingleError(
            """
            [StaticNN.Network(StaticNN.Loss.Mse)]
            public partial class EmptyModel
            {
            }
            """,
            "SNN0008",
            "'EmptyModel' has [Network] but no [Dense] layer; add at least one [Dense(inputs, outputs)]",
            "StaticNN.Network(StaticNN.Loss.Mse)");
    }

    [Fact]
    public void SNN0009_layers_split_across_declarations_in_one_file()
    {
        AssertSingleError(
            """
            using StaticNN;

            [Dense(4, 3, Activation.ReLU)]
            public partial class SplitModel
            {
            }

            [Dense(3, 2)]
            public partial class SplitModel
            {
            }
            """,
            "SNN0009",
            "The [Dense] layers of 'SplitModel' are spread over 2 partial declarations, so their order is undefined; put them all on one declaration",
            "Dense(3, 2)");
    }

    [Fact]
    public void SNN0009_layers_split_across_two_files()
    {
        Diagnostic diagnostic = AssertSingleError(
            [
                new SourceFile("A.cs", "[StaticNN.Dense(4, 3, StaticNN.Activation.ReLU)] public partial class SplitModel { }"),
                new SourceFile("B.cs", "[StaticNN.Dense(3, 2)] public partial class SplitModel { }"),
            ],
            "SNN0009",
            "The [Dense] layers of 'SplitModel' are spread over 2 partial declarations, so their order is undefined; put them all on one declaration",
            "StaticNN.Dense(3, 2)");
        Assert.Equal("B.cs", diagnostic.Location.SourceTree!.FilePath);
    }

    [Fact]
    public void SNN0010_unsupported_element_type()
    {
        AssertSingleError(
            Network("[Network(Loss.Mse, ElementType = typeof(int))] [Dense(2, 1)]"),
            "SNN0010",
            "Element type 'int' is not supported; use typeof(float) or typeof(double)",
            "ElementType = typeof(int)");
    }

    [Fact]
    public void SNN0011_undefined_activation()
    {
        AssertSingleError(
            Network("[Dense(4, 3, (Activation)42)] [Dense(3, 1)]"),
            "SNN0011",
            "Layer 1 uses activation 42, which is not a defined StaticNN.Activation value",
            "(Activation)42");
    }

    [Fact]
    public void SNN0012_undefined_loss()
    {
        AssertSingleError(
            Network("[Network((Loss)7)] [Dense(4, 3, Activation.ReLU)] [Dense(3, 1)]"),
            "SNN0012",
            "Loss 7 is not a defined StaticNN.Loss value",
            "(Loss)7");
    }

    [Fact]
    public void SNN0013_cross_entropy_with_one_output()
    {
        AssertSingleError(
            Network("[Network(Loss.CrossEntropy)] [Dense(4, 3, Activation.ReLU)] [Dense(3, 1)]"),
            "SNN0013",
            "CrossEntropy needs at least 2 outputs, but the last layer (layer 2) produces 1",
            "1");
    }

    [Fact]
    public void SNN0014_cross_entropy_with_a_relu_last_layer()
    {
        AssertSingleError(
            Network("[Network(Loss.CrossEntropy)] [Dense(4, 3, Activation.ReLU)] [Dense(3, 2, Activation.ReLU)]"),
            "SNN0014",
            "With CrossEntropy the last layer must be Linear, since the softmax is part of the loss, but layer 2 uses ReLU",
            "Activation.ReLU",
            occurrence: 1);
    }

    [Fact]
    public void SNN0015_file_local_network()
    {
        AssertSingleError(
            """
            [StaticNN.Dense(2, 1)]
            file partial class FileLocalModel
            {
            }
            """,
            "SNN0015",
            "The network class 'FileLocalModel' cannot be file-local: its generated members live in another file",
            "FileLocalModel");
    }

    [Theory]
    [InlineData("[Dense(4, 3)] [Dense(3, 1)]", "Dense(4, 3)")]
    [InlineData("[Dense(4, 3, Activation.Linear)] [Dense(3, 1)]", "Activation.Linear")]
    public void SNN0016_linear_hidden_layer_is_a_warning_and_the_network_is_still_generated(string layers, string located)
    {
        Compilation compilation = CompilationWithControl([new SourceFile("Network.cs", Network(layers))]);
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation));
        AssertDiagnostic(
            diagnostic,
            "SNN0016",
            DiagnosticSeverity.Warning,
            "Layer 1 is Linear and feeds layer 2; two linear layers collapse into one linear map, so give layer 1 an activation",
            located);

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal(["Control.ControlModel.g.cs", "Layers.Model.g.cs"], run.Sources.Keys.Order());
    }

    [Fact]
    public void SNN0016_is_reported_for_each_linear_hidden_layer()
    {
        Compilation compilation = TestHelper.CreateCompilation(Network("[Dense(4, 3)] [Dense(3, 3, Activation.Tanh)] [Dense(3, 2)] [Dense(2, 1)]"));
        Diagnostic[] diagnostics = TestHelper.RunAnalyzers(compilation).ToArray();
        Assert.Equal(["SNN0016", "SNN0016"], diagnostics.Select(d => d.Id));
        Assert.Equal(
            [
                "Layer 1 is Linear and feeds layer 2; two linear layers collapse into one linear map, so give layer 1 an activation",
                "Layer 3 is Linear and feeds layer 4; two linear layers collapse into one linear map, so give layer 3 an activation",
            ],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Valid_networks_get_no_diagnostics()
    {
        Compilation compilation = TestHelper.CreateCompilation(SampleNetworks.All.Select(s => s.Source).ToArray());
        Assert.Empty(TestHelper.RunAnalyzers(compilation));
    }

    /// <summary>A class <c>Layers.Model</c> with <paramref name="attributes"/>.</summary>
    private static string Network(string attributes) => $$"""
        using StaticNN;

        namespace Layers;

        /// <summary>A network.</summary>
        {{attributes}}
        public partial class Model
        {
        }
        """;

    private static Diagnostic AssertSingleError(string source, string id, string message, string located, int occurrence = 0) =>
        AssertSingleError([new SourceFile("Network.cs", source)], id, message, located, occurrence);

    /// <summary>
    /// Asserts the analyzers report exactly one diagnostic, an error with this ID and message at
    /// <paramref name="located"/>, and that the generator, run on the same compilation plus a valid
    /// control network, emits the control network only and does not fail.
    /// </summary>
    private static Diagnostic AssertSingleError(SourceFile[] files, string id, string message, string located, int occurrence = 0)
    {
        Compilation compilation = CompilationWithControl(files);
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation));
        AssertDiagnostic(diagnostic, id, DiagnosticSeverity.Error, message, located);

        // Where the located text occurs more than once in the file, check it is the intended occurrence.
        string text = diagnostic.Location.SourceTree!.GetText().ToString();
        int expectedStart = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            expectedStart = text.IndexOf(located, expectedStart + 1, System.StringComparison.Ordinal);
        }

        Assert.Equal(expectedStart, diagnostic.Location.SourceSpan.Start);

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal([SampleNetworks.ControlHintName], run.Sources.Keys);
        return diagnostic;
    }

    private static void AssertDiagnostic(Diagnostic diagnostic, string id, DiagnosticSeverity severity, string message, string located)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(located, TestHelper.LocatedText(diagnostic));
    }

    private static Compilation CompilationWithControl(SourceFile[] files) =>
        TestHelper.CreateCompilation([.. files, new SourceFile("Control.cs", SampleNetworks.Control)]);
}
