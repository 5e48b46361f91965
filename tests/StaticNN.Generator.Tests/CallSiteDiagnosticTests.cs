using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using StaticNN.Generator.Diagnostics;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the call-site analyzer (SNN0017–SNN0020) reports a buffer whose length is known at
/// compile time and wrong, with its ID, severity, exact message, the expected length for the
/// code fix, and at the exact argument; and that it stays silent where the length is right or
/// cannot be known. The analyzers run on the generator's output compilation, since the calls
/// bind to generated members. Each call site marks the expected location with <c>[|…|]</c>.
/// </summary>
public sealed class CallSiteDiagnosticTests
{
    private const string CallsPath = "Calls.cs";

    /// <summary>56 → 8 (ReLU) → 2 over float: InputSize 56, OutputSize 2.</summary>
    private const string ModelSource = """
        using StaticNN;

        namespace CallSites;

        /// <summary>The network the calls use.</summary>
        [Network(Loss.Mse)]
        [Dense(56, 8, Activation.ReLU)]
        [Dense(8, 2)]
        public partial class Model
        {
        }
        """;

    /// <summary>A double network, InputSize 3 and OutputSize 4, added only where a test calls it.</summary>
    private const string DoubleModelSource = """
        namespace CallSites;

        /// <summary>A double network.</summary>
        [StaticNN.Network(StaticNN.Loss.Mse, ElementType = typeof(double))]
        [StaticNN.Dense(3, 4)]
        public partial class DoubleModel
        {
        }
        """;

    /// <summary>
    /// Every compilation also holds this call with a wrong input, in its own method, so a test that
    /// expects silence elsewhere still proves the analyzer ran on that compilation.
    /// </summary>
    private const string ControlCall = "model.Forward(new float[7], new float[2]);";

    private const string ControlMessage = "Model.Forward expects 56 values in 'input' (InputSize) but the argument has 7";

    private const string WrongInputMessage = "Model.Forward expects 56 values in 'input' (InputSize) but the argument has ";

    // ---- SNN0017: a sample of the wrong length passed to Forward -----------------------------

    public static TheoryData<string, string, int> WrongSamples => new()
    {
        // body, located text, the length the analyzer must find
        { "model.Forward([|new float[55]|], new float[2]);", "new float[55]", 55 },
        { "model.Forward([|new float[] { 1f, 2f }|], new float[2]);", "new float[] { 1f, 2f }", 2 },
        { "model.Forward([|new[] { 1f, 2f, 3f }|], new float[2]);", "new[] { 1f, 2f, 3f }", 3 },
        { "model.Forward([|stackalloc float[55]|], new float[2]);", "stackalloc float[55]", 55 },
        { "model.Forward([|stackalloc float[] { 1f, 2f }|], new float[2]);", "stackalloc float[] { 1f, 2f }", 2 },
        { "model.Forward([|stackalloc[] { 1f, 2f, 3f, 4f }|], new float[2]);", "stackalloc[] { 1f, 2f, 3f, 4f }", 4 },
        { "model.Forward([|[1f, 2f]|], new float[2]);", "[1f, 2f]", 2 },
        { "model.Forward([|[]|], new float[2]);", "[]", 0 },
        { "const int N = 57;\nmodel.Forward([|new float[N]|], new float[2]);", "new float[N]", 57 },
        { "model.Forward([|new float[ClassConstant]|], new float[2]);", "new float[ClassConstant]", 55 },
        { "model.Forward([|new float[Model.InputSize - 1]|], new float[2]);", "new float[Model.InputSize - 1]", 55 },
        { "model.Forward([|_readonlyInput|], new float[2]);", "_readonlyInput", 55 },
        { "model.Forward([|StaticReadonlyInput|], new float[2]);", "StaticReadonlyInput", 54 },
        { "var sample = new float[55];\nmodel.Forward([|sample|], new float[2]);", "sample", 55 },
        { "float[] sample = [1f, 2f, 3f];\nmodel.Forward([|sample|], new float[2]);", "sample", 3 },
        { "Span<float> sample = stackalloc float[55];\nmodel.Forward([|sample|], new float[2]);", "sample", 55 },
    };

    [Theory]
    [MemberData(nameof(WrongSamples))]
    public void SNN0017_sample_of_known_wrong_length(string body, string located, int length)
    {
        AssertReported(body, "SNN0017", WrongInputMessage + length.ToString(CultureInfo.InvariantCulture), located, expectedLength: "56");
    }

    [Fact]
    public void SNN0017_in_a_double_network()
    {
        AssertReported(
            "new DoubleModel().Forward([|new double[4]|], new double[4]);",
            "SNN0017",
            "DoubleModel.Forward expects 3 values in 'input' (InputSize) but the argument has 4",
            "new double[4]",
            expectedLength: "3",
            new SourceFile("DoubleModel.cs", DoubleModelSource));
    }

    [Fact]
    public void SNN0017_with_named_arguments_in_another_order_is_reported_at_the_input_argument()
    {
        AssertReported(
            "model.Forward(output: new float[2], [|input: new float[55]|]);",
            "SNN0017",
            WrongInputMessage + "55",
            "input: new float[55]",
            expectedLength: "56");
    }

    [Fact]
    public void SNN0017_and_SNN0020_are_both_reported_when_input_and_output_are_wrong()
    {
        (Diagnostic[] diagnostics, _) = Analyze("model.Forward(new float[55], new float[1]);");
        Diagnostic[] atCall = diagnostics.Where(d => d.GetMessage(CultureInfo.InvariantCulture) != ControlMessage).ToArray();
        Assert.Equal(["SNN0017", "SNN0020"], atCall.Select(d => d.Id));
        Assert.Equal(["new float[55]", "new float[1]"], atCall.Select(TestHelper.LocatedText));
        Assert.Equal(["56", "2"], atCall.Select(d => d.Properties[DiagnosticProperties.ExpectedLength]));
    }

    // ---- SNN0018: a batch that is not a whole number of samples -----------------------------

    public static TheoryData<string, string, int> PartialBatches => new()
    {
        // method and the arguments after inputs, located text, its length
        { "ForwardBatch([|new float[55]|], new float[2])", "new float[55]", 55 },
        { "ForwardBatch([|new float[0]|], new float[2])", "new float[0]", 0 },
        { "ForwardBatch([|[]|], new float[2])", "[]", 0 },
        { "ForwardBatch([|new float[113]|], new float[4])", "new float[113]", 113 },
        { "Backward([|new float[57]|], new float[2])", "new float[57]", 57 },
        { "Backward([|stackalloc float[0]|], new float[2])", "stackalloc float[0]", 0 },
        { "TrainBatch([|new float[111]|], new float[4], 0.1f)", "new float[111]", 111 },
        { "TrainBatch([|new float[0]|], new float[0], 0.1f)", "new float[0]", 0 },
        { "Evaluate([|new float[] { 1f }|], new float[2])", "new float[] { 1f }", 1 },
        { "Evaluate([|new float[0]|], new float[0])", "new float[0]", 0 },
    };

    [Theory]
    [MemberData(nameof(PartialBatches))]
    public void SNN0018_batch_not_a_whole_number_of_samples(string call, string located, int length)
    {
        string method = call[..call.IndexOf('(', StringComparison.Ordinal)];
        AssertReported(
            $"model.{call};",
            "SNN0018",
            $"Model.{method} expects 'inputs' to hold one or more whole samples of 56 values (InputSize) but the argument has {length.ToString(CultureInfo.InvariantCulture)}",
            located,
            expectedLength: null);
    }

    [Fact]
    public void SNN0018_stops_the_checks_of_the_other_arguments()
    {
        // Targets of 3 would be wrong for any whole batch, but the batch itself is the one error.
        AssertReported(
            "model.Backward([|new float[55]|], new float[3]);",
            "SNN0018",
            "Model.Backward expects 'inputs' to hold one or more whole samples of 56 values (InputSize) but the argument has 55",
            "new float[55]",
            expectedLength: null);
    }

    // ---- SNN0019: targets that are not samples × OutputSize ---------------------------------

    public static TheoryData<string, string, int, int, int> WrongTargets => new()
    {
        // call, located text, samples, expected, actual
        { "Backward(new float[112], [|new float[3]|])", "new float[3]", 2, 4, 3 },
        { "Backward(new float[56], [|new float[4]|])", "new float[4]", 1, 2, 4 },
        { "Backward(new float[168], [|[1f, 2f]|])", "[1f, 2f]", 3, 6, 2 },
        { "TrainBatch(new float[112], [|new float[5]|], 0.5f)", "new float[5]", 2, 4, 5 },
        { "TrainBatch(stackalloc float[56], [|stackalloc float[1]|], 0.5f)", "stackalloc float[1]", 1, 2, 1 },
        { "Evaluate(new float[112], [|new float[0]|])", "new float[0]", 2, 4, 0 },
        { "Evaluate(new float[560], [|new float[19]|])", "new float[19]", 10, 20, 19 },
    };

    [Theory]
    [MemberData(nameof(WrongTargets))]
    public void SNN0019_targets_not_samples_times_output_size(string call, string located, int samples, int expected, int actual)
    {
        string method = call[..call.IndexOf('(', StringComparison.Ordinal)];
        AssertReported(
            $"model.{call};",
            "SNN0019",
            $"Model.{method} expects {expected} values in 'targets' ({samples} samples × 2 outputs) but the argument has {actual}",
            located,
            expectedLength: expected.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SNN0019_with_named_arguments_in_another_order_is_reported_at_the_targets_argument()
    {
        AssertReported(
            "model.Backward([|targets: new float[3]|], inputs: new float[112]);",
            "SNN0019",
            "Model.Backward expects 4 values in 'targets' (2 samples × 2 outputs) but the argument has 3",
            "targets: new float[3]",
            expectedLength: "4");
    }

    // ---- SNN0020: an output buffer too short ------------------------------------------------

    public static TheoryData<string, string, string, int, int> ShortOutputs => new()
    {
        // call, located text, parameter, expected, actual
        { "Forward(new float[56], [|new float[1]|])", "new float[1]", "output", 2, 1 },
        { "Forward(new float[56], [|new float[0]|])", "new float[0]", "output", 2, 0 },
        { "Forward(new float[56], [|stackalloc float[1]|])", "stackalloc float[1]", "output", 2, 1 },
        { "Forward(new float[56], [|_readonlyOutput|])", "_readonlyOutput", "output", 2, 1 },
        { "ForwardBatch(new float[112], [|new float[3]|])", "new float[3]", "outputs", 4, 3 },
        { "ForwardBatch(new float[56 * 3], [|stackalloc float[5]|])", "stackalloc float[5]", "outputs", 6, 5 },
    };

    [Theory]
    [MemberData(nameof(ShortOutputs))]
    public void SNN0020_output_buffer_too_short(string call, string located, string parameter, int expected, int actual)
    {
        string method = call[..call.IndexOf('(', StringComparison.Ordinal)];
        AssertReported(
            $"model.{call};",
            "SNN0020",
            $"Model.{method} writes {expected} values to '{parameter}' but the argument has only {actual}",
            located,
            expectedLength: expected.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SNN0020_with_named_arguments_in_another_order_is_reported_at_the_outputs_argument()
    {
        AssertReported(
            "model.ForwardBatch([|outputs: new float[1]|], inputs: new float[56]);",
            "SNN0020",
            "Model.ForwardBatch writes 2 values to 'outputs' but the argument has only 1",
            "outputs: new float[1]",
            expectedLength: "2");
    }

    // ---- Where nothing may be reported ------------------------------------------------------

    public static TheoryData<string> Silent => new()
    {
        // Right lengths, and longer outputs.
        "model.Forward(new float[56], new float[2]);",
        "model.Forward(new float[Model.InputSize], new float[Model.OutputSize]);",
        "model.Forward(new float[56], new float[3]);",
        "model.Forward(stackalloc float[56], stackalloc float[100]);",
        "model.ForwardBatch(new float[112], new float[4]);",
        "model.ForwardBatch(new float[112], new float[400]);",
        "model.Backward(new float[112], new float[4]);",
        "model.TrainBatch(new float[56], new float[2], 0.1f);",
        "model.Evaluate(new float[168], new float[6]);",
        "model.Forward(output: new float[2], input: new float[56]);",

        // A local written again after its declaration.
        "var sample = new float[55];\nsample = new float[56];\nmodel.Forward(sample, new float[2]);",
        "var sample = new float[55];\nResize(ref sample);\nmodel.Forward(sample, new float[2]);",
        "var sample = new float[55];\nCreate(out sample);\nmodel.Forward(sample, new float[2]);",
        "var sample = new float[55];\nAction grow = () => sample = new float[56];\ngrow();\nmodel.Forward(sample, new float[2]);",
        "var sample = new float[55];\nvoid Grow() => sample = new float[56];\nGrow();\nmodel.Forward(sample, new float[2]);",
        "var sample = new float[55];\n(sample, _) = (new float[56], 0);\nmodel.Forward(sample, new float[2]);",
        "float[]? sample = new float[55];\nsample = null;\nsample ??= new float[56];\nmodel.Forward(sample, new float[2]);",

        // Fields that are not readonly, parameters, and other expressions of unknown length.
        "model.Forward(_mutableInput, new float[2]);",
        "model.Forward(s_mutableInput, new float[2]);",
        "model.Forward(parameter, new float[2]);",
        "model.Forward([.. parameter], new float[2]);",
        "model.Forward([1f, .. parameter], new float[2]);",
        "model.Forward(new float[parameter.Length], new float[2]);",
        "model.Forward(ReadonlyProperty, new float[2]);",
        "model.Forward(new float[55].AsSpan(1), new float[2]);",

        // Outputs of unknown length, and ForwardBatch whose sample count is unknown.
        "model.Forward(new float[56], parameter);",
        "model.ForwardBatch(parameter, new float[1]);",
        "model.Backward(parameter, new float[1]);",

        // Calls that are not to a network's span API.
        "INetwork<float> network = model;\nnetwork.Forward(new float[55], new float[1]);",
        "INetwork<float> network = model;\nnetwork.Backward(new float[55], new float[1]);",
        "new Unrelated().Forward(new float[55], new float[1]);",
        "new Unrelated().ForwardBatch(new float[55], new float[1]);",
        "Unrelated.Evaluate(new float[55], new float[1]);",
        "var typed = default(StaticNN.Shapes.Float56);\nStaticNN.Shapes.Float2 result = model.Forward(in typed);",
        "var typed = default(StaticNN.Shapes.Float56);\nvar result = default(StaticNN.Shapes.Float2);\nmodel.Forward(in typed, ref result);",
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public void Nothing_is_reported_when_the_length_is_right_or_unknown(string body)
    {
        AssertOnlyControl(body);
    }

    // ---- Buffers written again where the analyzer cannot follow them ------------------------
    //
    // A readonly field's initializer is not its final value when a constructor (static for a
    // static field) or an init accessor assigns it again, and a local is not "never reassigned"
    // when a ref alias writes it. Each call below is correct at run time, so an SNN0017 error here
    // would break a valid build.

    public static TheoryData<string> ReassignedElsewhere => new()
    {
        "model.Forward(_replacedInConstructor, new float[2]);",
        "model.Forward(s_replacedInStaticConstructor, new float[2]);",
        "model.Forward(_replacedByDeconstructionInConstructor, new float[2]);",
        "model.Forward(_replacedByInit, new float[2]);",
        "var sample = new float[55];\nref float[] alias = ref sample;\nalias = new float[56];\nmodel.Forward(sample, new float[2]);",
    };

    [Theory]
    [MemberData(nameof(ReassignedElsewhere))]
    public void Nothing_is_reported_for_a_readonly_field_written_after_its_initializer_or_a_local_written_through_a_ref_alias(string body)
    {
        AssertOnlyControl(body);
    }

    // ---- Helpers -----------------------------------------------------------------------------

    /// <summary>
    /// Asserts that besides the control call the analyzers report exactly one diagnostic, an error
    /// with this ID, message and expected length, at the text marked <c>[|…|]</c> in <paramref name="body"/>.
    /// </summary>
    private static void AssertReported(string body, string id, string message, string located, string? expectedLength, params SourceFile[] moreFiles)
    {
        (Diagnostic[] diagnostics, TextSpan marked) = Analyze(body, moreFiles);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.GetMessage(CultureInfo.InvariantCulture) != ControlMessage);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(located, TestHelper.LocatedText(diagnostic));
        Assert.Equal(CallsPath, diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(marked, diagnostic.Location.SourceSpan);
        if (expectedLength is null)
        {
            Assert.False(diagnostic.Properties.ContainsKey(DiagnosticProperties.ExpectedLength), $"{id} carries {DiagnosticProperties.ExpectedLength} but should not.");
        }
        else
        {
            Assert.Equal("ExpectedLength", DiagnosticProperties.ExpectedLength);
            Assert.True(diagnostic.Properties.TryGetValue(DiagnosticProperties.ExpectedLength, out string? value), $"{id} does not carry {DiagnosticProperties.ExpectedLength}.");
            Assert.Equal(expectedLength, value);
        }

        AssertControl(diagnostics);
    }

    /// <summary>Asserts the analyzers report the control call and nothing else.</summary>
    private static void AssertOnlyControl(string body)
    {
        (Diagnostic[] diagnostics, _) = Analyze(body);
        Assert.True(diagnostics.Length == 1, "Expected only the control diagnostic, got:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
        AssertControl(diagnostics);
    }

    private static void AssertControl(Diagnostic[] diagnostics)
    {
        Diagnostic control = Assert.Single(diagnostics, d => d.GetMessage(CultureInfo.InvariantCulture) == ControlMessage);
        Assert.Equal("SNN0017", control.Id);
        Assert.Equal("new float[7]", TestHelper.LocatedText(control));
    }

    /// <summary>
    /// Compiles the network, <paramref name="moreFiles"/> and a class whose method <c>Run</c> holds <paramref name="body"/>, runs
    /// the generator, checks the result compiles, and runs the analyzers on the generator's output.
    /// </summary>
    private static (Diagnostic[] Diagnostics, TextSpan Marked) Analyze(string body, params SourceFile[] moreFiles)
    {
        (string callsSource, TextSpan marked) = StripMarkup(Calls(body));
        GeneratorRun run = TestHelper.RunGenerator(TestHelper.CreateCompilation(
            [new SourceFile("Model.cs", ModelSource), new SourceFile(CallsPath, callsSource), .. moreFiles]));
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal(1 + moreFiles.Length, run.Sources.Count);

        // The calls must be valid C#: a compile error would make the analyzer's silence meaningless.
        SyntaxTree callsTree = run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath == CallsPath);
        Diagnostic[] errors = run.OutputCompilation.GetSemanticModel(callsTree).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())) + "\n" + callsSource);

        return (TestHelper.RunAnalyzers(run.OutputCompilation).ToArray(), marked);
    }

    private static string Calls(string body) => $$"""
        using System;
        using StaticNN;

        namespace CallSites;

        /// <summary>Calls the network.</summary>
        public sealed class Calls
        {
            private const int ClassConstant = 55;

            private static readonly float[] StaticReadonlyInput = new float[54];

            private static float[] s_mutableInput = new float[55];

            private readonly float[] _readonlyInput = new float[55];

            private readonly float[] _readonlyOutput = new float[1];

            private float[] _mutableInput = new float[55];

            private static float[] ReadonlyProperty { get; } = new float[55];

            private static readonly float[] s_replacedInStaticConstructor = new float[55];

            private readonly float[] _replacedInConstructor = new float[55];

            private readonly float[] _replacedByDeconstructionInConstructor = new float[55];

            private readonly float[] _replacedByInit = new float[55];

            private readonly int _assignedWithIt;

            static Calls() => s_replacedInStaticConstructor = new float[56];

            /// <summary>Replaces readonly fields' initial values.</summary>
            public Calls()
            {
                _replacedInConstructor = new float[56];
                (_replacedByDeconstructionInConstructor, _assignedWithIt) = (new float[56], 1);
            }

            /// <summary>Replaces a readonly field's initial value in an object initializer.</summary>
            public float[] ReplacedByInit { get => _replacedByInit; init => _replacedByInit = value; }

            /// <summary>Reads the field assigned with the deconstruction.</summary>
            public int AssignedWithIt => _assignedWithIt;

            /// <summary>The call under test.</summary>
            public void Run(Model model, float[] parameter)
            {
        {{Indent(body, 8)}}
            }

            /// <summary>A call that is always wrong, to prove the analyzer ran.</summary>
            public void Control(Model model)
            {
                {{ControlCall}}
            }

            /// <summary>Keeps the mutable fields assigned somewhere.</summary>
            public void Touch()
            {
                _mutableInput = new float[56];
                s_mutableInput = new float[56];
            }

            private static void Resize(ref float[] buffer) => buffer = new float[56];

            private static void Create(out float[] buffer) => buffer = new float[56];
        }

        /// <summary>Not a network, with methods named like a network's.</summary>
        public sealed class Unrelated
        {
            /// <summary>Not a network's Forward.</summary>
            public void Forward(ReadOnlySpan<float> input, Span<float> output)
            {
            }

            /// <summary>Not a network's ForwardBatch.</summary>
            public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
            {
            }

            /// <summary>Not a network's Evaluate.</summary>
            public static float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => 0f;
        }
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', spaces) + line));

    /// <summary>Removes one <c>[|…|]</c> pair and returns the text with the span it marked (empty when there is none).</summary>
    internal static (string Text, TextSpan Span) StripMarkup(string text)
    {
        int start = text.IndexOf("[|", StringComparison.Ordinal);
        if (start < 0)
        {
            return (text, default);
        }

        int end = text.IndexOf("|]", start, StringComparison.Ordinal);
        Assert.True(end > start, "Unclosed [| in the test source.");
        string stripped = text[..start] + text[(start + 2)..end] + text[(end + 2)..];
        Assert.DoesNotContain("[|", stripped, StringComparison.Ordinal);
        return (stripped, TextSpan.FromBounds(start, end - 2));
    }
}
