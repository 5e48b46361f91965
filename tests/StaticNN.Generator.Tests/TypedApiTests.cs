using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the typed API: the shared <c>StaticNN.Shapes</c> file (snapshot), one vector type per
/// element type and length shared by every network that uses it, so chaining networks compiles
/// exactly when the sizes agree; the vectors' visibility follows the networks'; wide networks get
/// no typed API; and at run time the typed Forward gives bitwise the span Forward's output and
/// <c>From</c> checks its length.
/// </summary>
public sealed partial class TypedApiTests(ITestOutputHelper output)
{
    /// <summary>56 → 16 (Tanh), float.</summary>
    private const string FeatureModel = """
        namespace Chain;

        /// <summary>Turns 56 values into 16 features.</summary>
        [StaticNN.Dense(56, 16, StaticNN.Activation.Tanh)]
        public partial class FeatureModel
        {
        }
        """;

    /// <summary>HEAD_INPUTS → 1, float.</summary>
    private const string HeadModelTemplate = """
        namespace Chain;

        /// <summary>Predicts one value from the features.</summary>
        [StaticNN.Dense(HEAD_INPUTS, 1)]
        public partial class HeadModel
        {
        }
        """;

    private const string ChainCall = """
        namespace Chain;

        /// <summary>Chains the two networks through the typed API.</summary>
        public static class Pipeline
        {
            /// <summary>Runs the features, then the head.</summary>
            /// <param name="features">The first network.</param>
            /// <param name="head">The second network.</param>
            /// <param name="input">The sample.</param>
            /// <returns>The prediction.</returns>
            public static StaticNN.Shapes.Float1 Run(FeatureModel features, HeadModel head, in StaticNN.Shapes.Float56 input) =>
                head.Forward(features.Forward(input));
        }
        """;

    [Fact]
    public void Shapes_file_matches_snapshot()
    {
        // Public float and double networks, and an internal one: every kind of vector the file holds.
        GeneratorRun run = TestHelper.RunGenerator(SampleNetworks.Views.Source, SampleNetworks.Digits.Source, SampleNetworks.Mae.Source);
        TestHelper.AssertDidNotThrow(run);
        string shapes = Assert.IsType<string>(run.Shapes);
        Assert.Equal(
            [("public", "Double10"), ("public", "Double784"), ("public", "Float1"), ("internal", "Float2"), ("public", "Float56"), ("internal", "Float6")],
            ShapeTypes(shapes).OrderBy(s => s.Name, StringComparer.Ordinal));
        SnapshotTests.AssertMatchesSnapshot("StaticNN.Shapes", shapes, output);
    }

    [Fact]
    public void Networks_whose_sizes_match_share_one_type_and_chain()
    {
        GeneratorRun run = TestHelper.RunGenerator(FeatureModel, HeadModel(16), ChainCall);
        TestHelper.AssertDidNotThrow(run);

        string shapes = Assert.IsType<string>(run.Shapes);
        Assert.Equal([("public", "Float1"), ("public", "Float16"), ("public", "Float56")], ShapeTypes(shapes));
        Assert.Single(Regex.Matches(shapes, @"\bstruct Float16\b"));
        Assert.Contains("public global::StaticNN.Shapes.Float16 Forward(in global::StaticNN.Shapes.Float56 input)", run.Sources["Chain.FeatureModel.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public global::StaticNN.Shapes.Float1 Forward(in global::StaticNN.Shapes.Float16 input)", run.Sources["Chain.HeadModel.g.cs"], StringComparison.Ordinal);

        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    [Fact]
    public void Chaining_networks_whose_sizes_differ_does_not_compile()
    {
        GeneratorRun run = TestHelper.RunGenerator(FeatureModel, HeadModel(15), ChainCall);
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal(
            [("public", "Float1"), ("public", "Float15"), ("public", "Float16"), ("public", "Float56")],
            ShapeTypes(Assert.IsType<string>(run.Shapes)));

        Diagnostic error = Assert.Single(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS1503", error.Id);
        Assert.Equal("Argument 1: cannot convert from 'StaticNN.Shapes.Float16' to 'in StaticNN.Shapes.Float15'", error.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Source2.cs", error.Location.SourceTree!.FilePath);
        Assert.Equal("features.Forward(input)", TestHelper.LocatedText(error));
    }

    public static TheoryData<string, string, string[]> Visibilities => new()
    {
        // A 56 → 16 network and a 16 → 1 network ("@" marks where the network's doc comment and
        // [Dense] go, "#" another type's doc comment); the expected "visibility name" of each vector.
        { "@public partial class A {}", "@public partial class B {}", ["public Float1", "public Float16", "public Float56"] },
        { "@internal partial class A {}", "@partial class B {}", ["internal Float1", "internal Float16", "internal Float56"] },
        { "@public partial class A {}", "@internal partial class B {}", ["internal Float1", "public Float16", "public Float56"] },
        { "@internal partial class A {}", "@public partial class B {}", ["public Float1", "public Float16", "internal Float56"] },
        { "@public sealed partial class A {}", "@internal sealed partial class B {}", ["internal Float1", "public Float16", "public Float56"] },
        { "@internal partial class A {}", "@public partial record B;", ["public Float1", "public Float16", "internal Float56"] },
        { "#public partial class Outer { @public partial class A {} }", "#internal partial class Holder { @public partial class B {} }", ["internal Float1", "public Float16", "public Float56"] },
        { "#public partial class Outer { @protected partial class A {} }", "#public partial class Holder { @protected internal partial class B {} }", ["public Float1", "public Float16", "public Float56"] },
        { "#public partial class Outer { @private protected partial class A {} }", "#public partial class Holder { @private partial class B {} }", ["internal Float1", "internal Float16", "internal Float56"] },
        { "#public partial class Outer { @internal partial class A {} }", "#public partial struct Holder { @public partial class B {} }", ["public Float1", "public Float16", "internal Float56"] },
    };

    [Theory]
    [MemberData(nameof(Visibilities))]
    public void Shape_is_public_when_a_public_network_uses_it_and_internal_otherwise(string first, string second, string[] expected)
    {
        GeneratorRun run = TestHelper.RunGenerator(
            Declaration(first, "[StaticNN.Dense(56, 16, StaticNN.Activation.Tanh)]"),
            Declaration(second, "[StaticNN.Dense(16, 1)]"));
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal(2, run.Sources.Count);
        Assert.Equal(expected, ShapeTypes(Assert.IsType<string>(run.Shapes)).Select(s => s.Visibility + " " + s.Name));

        // A public network must not expose an internal vector (CS0050/CS0051), and nothing may warn.
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    [Fact]
    public void Double_network_gets_double_vectors_distinct_from_float_ones()
    {
        const string source = """
            namespace Elements;

            /// <summary>A float network.</summary>
            [StaticNN.Dense(3, 10)]
            public partial class FloatModel
            {
            }

            /// <summary>A double network of the same sizes.</summary>
            [StaticNN.Network(StaticNN.Loss.Mse, ElementType = typeof(double))]
            [StaticNN.Dense(3, 10)]
            public partial class DoubleModel
            {
            }
            """;
        GeneratorRun run = TestHelper.RunGenerator(source);
        TestHelper.AssertDidNotThrow(run);
        string shapes = Assert.IsType<string>(run.Shapes);
        Assert.Equal([("public", "Float3"), ("public", "Float10"), ("public", "Double3"), ("public", "Double10")], ShapeTypes(shapes));
        Assert.Contains("public struct Double10\n    {\n        /// <summary>The number of values.</summary>\n        public const int Length = 10;\n\n        private double _element0;", shapes.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("public global::StaticNN.Shapes.Double10 Forward(in global::StaticNN.Shapes.Double3 input)", run.Sources["Elements.DoubleModel.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public global::StaticNN.Shapes.Float10 Forward(in global::StaticNN.Shapes.Float3 input)", run.Sources["Elements.FloatModel.g.cs"], StringComparison.Ordinal);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    [Theory]
    [InlineData("[StaticNN.Dense(16385, 1)]")]
    [InlineData("[StaticNN.Dense(1, 16385)]")]
    [InlineData("[StaticNN.Dense(16385, 2, StaticNN.Activation.ReLU)] [StaticNN.Dense(2, 16385)]")]
    public void Network_wider_than_16384_gets_no_typed_api_and_still_compiles(string layers)
    {
        GeneratorRun run = TestHelper.RunGenerator(WideNetwork("WideModel", layers));
        TestHelper.AssertDidNotThrow(run);
        string source = Assert.Single(run.Sources).Value;
        Assert.DoesNotContain("StaticNN.Shapes", source, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(source, @"public void Forward\("));
        Assert.Null(run.Shapes);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    [Fact]
    public void Network_of_exactly_16384_inputs_gets_the_typed_api_and_a_wide_one_beside_it_adds_no_shape()
    {
        GeneratorRun run = TestHelper.RunGenerator(
            WideNetwork("EdgeModel", "[StaticNN.Dense(16384, 1)]"),
            WideNetwork("WideModel", "[StaticNN.Dense(16385, 2)]"));
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal([("public", "Float1"), ("public", "Float16384")], ShapeTypes(Assert.IsType<string>(run.Shapes)));
        Assert.Contains("Forward(in global::StaticNN.Shapes.Float16384 input)", run.Sources["Wide.EdgeModel.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("StaticNN.Shapes", run.Sources["Wide.WideModel.g.cs"], StringComparison.Ordinal);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    [Theory]
    [InlineData("float")]
    [InlineData("double")]
    public void Typed_forward_gives_bitwise_the_span_forwards_output(string element)
    {
        using var loaded = LoadedCompilation.Emit(CompileProbe(element));
        MethodInfo run = ProbeMethod(loaded, "Run");
        for (int seed = 1; seed <= 3; seed++)
        {
            var outputs = (Array[])run.Invoke(null, [seed])!;
            Assert.Equal(4, outputs.Length);
            ulong[] span = Bits(outputs[0]);
            Assert.Equal(3, span.Length);
            Assert.Contains(span, b => b != 0);
            Assert.Equal(span, Bits(outputs[1]));   // Forward(in input) returning the vector
            Assert.Equal(span, Bits(outputs[2]));   // Forward(in input, ref output) over a NaN-filled vector
            Assert.Equal(span, Bits(outputs[3]));   // the same through INetwork<T>
        }
    }

    [Theory]
    [InlineData(55)]
    [InlineData(57)]
    [InlineData(0)]
    public void From_with_a_wrong_length_throws_ArgumentException_naming_values(int length)
    {
        using var loaded = LoadedCompilation.Emit(CompileProbe("float"));
        MethodInfo from = ProbeMethod(loaded, "From");
        var invocation = Assert.Throws<TargetInvocationException>(() => from.Invoke(null, [length]));
        ArgumentException error = Assert.IsAssignableFrom<ArgumentException>(invocation.InnerException);
        Assert.Equal("values", error.ParamName);
    }

    [Fact]
    public void From_with_the_right_length_copies_the_values()
    {
        using var loaded = LoadedCompilation.Emit(CompileProbe("float"));
        var copy = (float[])ProbeMethod(loaded, "From").Invoke(null, [56])!;
        Assert.Equal(Enumerable.Range(0, 56).Select(i => i * 0.5f), copy);
    }

    [Fact]
    public void Changing_a_hidden_layer_leaves_the_shapes_step_unchanged_and_changing_the_input_size_modifies_it()
    {
        // IncrementalTests already checks every step, Shapes included, after edits that touch no network.
        const string path = "Network.cs";
        const string source = "namespace Steps;\n\n/// <summary>A network.</summary>\n[StaticNN.Dense(56, 16, StaticNN.Activation.Tanh)] [StaticNN.Dense(16, 1)]\npublic partial class StepModel\n{\n}\n";
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile(path, source));
        GeneratorRun first = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(first);

        GeneratorRun hidden = TestHelper.RunGenerator(TestHelper.ReplaceFile(compilation, path, source.Replace("16", "12", StringComparison.Ordinal)), first.Driver);
        TestHelper.AssertDidNotThrow(hidden);
        Assert.Contains(StepReasons(hidden, NetworkGeneratorStepNames.Networks), r => r == IncrementalStepRunReason.Modified);
        Assert.All(StepReasons(hidden, NetworkGeneratorStepNames.Shapes), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Shapes step: {r}"));
        Assert.Equal(first.Shapes, hidden.Shapes);

        GeneratorRun input = TestHelper.RunGenerator(TestHelper.ReplaceFile(compilation, path, source.Replace("56", "48", StringComparison.Ordinal)), first.Driver);
        TestHelper.AssertDidNotThrow(input);
        Assert.Contains(StepReasons(input, NetworkGeneratorStepNames.Shapes), r => r == IncrementalStepRunReason.Modified);
        Assert.Equal([("public", "Float1"), ("public", "Float48")], ShapeTypes(Assert.IsType<string>(input.Shapes)));
    }

    // ---- Helpers -----------------------------------------------------------------------------

    private static string HeadModel(int inputs) => HeadModelTemplate.Replace("HEAD_INPUTS", inputs.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The (visibility, name) of each vector type in a shapes file, in file order.</summary>
    private static (string Visibility, string Name)[] ShapeTypes(string shapes) =>
        ShapeDeclaration().Matches(shapes).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();

    [GeneratedRegex(@"^\s*(public|internal) struct (\w+)$", RegexOptions.Multiline)]
    private static partial Regex ShapeDeclaration();

    /// <summary>
    /// A file in namespace <c>Visibility</c> holding <paramref name="declaration"/>, with "@" replaced by a doc
    /// comment and <paramref name="layer"/>, and "#" by a doc comment.
    /// </summary>
    private static string Declaration(string declaration, string layer) =>
        "namespace Visibility;\n\n" + declaration
            .Replace("@", "/** <summary>A network.</summary> */ " + layer + " ", StringComparison.Ordinal)
            .Replace("#", "/** <summary>A type.</summary> */ ", StringComparison.Ordinal);

    /// <summary>A public class <c>Wide.{name}</c> with <paramref name="layers"/>.</summary>
    private static string WideNetwork(string name, string layers) =>
        $"namespace Wide;\n\n/// <summary>A network.</summary>\n{layers}\npublic partial class {name}\n{{\n}}\n";

    private static IncrementalStepRunReason[] StepReasons(GeneratorRun run, string step) =>
        run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    /// <summary>
    /// A 56 → 16 (Tanh) → 3 network over <paramref name="element"/> and a probe class that runs it
    /// through every Forward and calls <c>From</c>, compiled strictly.
    /// </summary>
    private static Compilation CompileProbe(string element)
    {
        string vector = element == "double" ? "Double" : "Float";
        string source = $$"""
            using System;
            using StaticNN;
            using StaticNN.Shapes;

            namespace Typed;

            /// <summary>The network under test.</summary>
            [Network(Loss.Mse, ElementType = typeof({{element}}))]
            [Dense(56, 16, Activation.Tanh)]
            [Dense(16, 3)]
            public partial class TypedModel
            {
            }

            /// <summary>Runs both APIs.</summary>
            public static class Probe
            {
                /// <summary>The outputs of the span, returning, ref and interface Forward for one input.</summary>
                /// <param name="seed">The parameters' seed.</param>
                /// <returns>Four output arrays.</returns>
                public static Array[] Run(int seed)
                {
                    var model = new TypedModel(seed);
                    var values = new {{element}}[TypedModel.InputSize];
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = ({{element}})Math.Sin(0.37 * i + seed);
                    }

                    var spanOutput = new {{element}}[TypedModel.OutputSize];
                    model.Forward(values, spanOutput);

                    {{vector}}56 input = {{vector}}56.From(values);
                    {{vector}}3 returned = model.Forward(in input);

                    var into = default({{vector}}3);
                    into.AsSpan().Fill({{element}}.NaN);
                    model.Forward(in input, ref into);

                    var viaInterface = new {{element}}[TypedModel.OutputSize];
                    ((INetwork<{{element}}>)model).Forward(values, viaInterface);

                    return [spanOutput, returned.AsSpan().ToArray(), into.AsSpan().ToArray(), viaInterface];
                }

                /// <summary>Copies 0, 0.5, 1, … into a Float56 and back.</summary>
                /// <param name="length">How many values to pass.</param>
                /// <returns>The vector's values.</returns>
                public static {{element}}[] From(int length)
                {
                    var values = new {{element}}[length];
                    for (int i = 0; i < length; i++)
                    {
                        values[i] = i * 0.5f;
                    }

                    {{vector}}56 vector = {{vector}}56.From(values);
                    return vector.AsSpan().ToArray();
                }
            }
            """;
        GeneratorRun run = TestHelper.RunGenerator(source);
        TestHelper.AssertDidNotThrow(run);
        Compilation strict = GeneratedCodeCompilesTests.Strict(run.OutputCompilation);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(strict);
        return strict;
    }

    private static MethodInfo ProbeMethod(LoadedCompilation loaded, string name) =>
        loaded.Assembly.GetType("Typed.Probe", throwOnError: true)!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>The bit patterns of a float[] or double[], to compare exactly (NaN and -0 included).</summary>
    private static ulong[] Bits(Array values) => values switch
    {
        float[] f => f.Select(v => (ulong)(uint)BitConverter.SingleToInt32Bits(v)).ToArray(),
        double[] d => d.Select(v => (ulong)BitConverter.DoubleToInt64Bits(v)).ToArray(),
        _ => throw new ArgumentException($"Not float[] or double[]: {values.GetType()}", nameof(values)),
    };
}
