using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the generator's private copies of <see cref="Activation"/> and <see cref="Loss"/> match
/// the runtime enums: every runtime value generates code that names the right kernel or loss and
/// compiles, and the first value past the runtime enum is rejected (SNN0011, SNN0012).
/// </summary>
public sealed class EnumMirrorTests
{
    public static TheoryData<Activation> Activations => new(Enum.GetValues<Activation>());

    public static TheoryData<Loss> Losses => new(Enum.GetValues<Loss>());

    [Theory]
    [MemberData(nameof(Activations))]
    public void Every_activation_on_a_hidden_layer_generates_code_that_compiles(Activation activation)
    {
        string source = $$"""
            using StaticNN;

            namespace Mirror;

            /// <summary>A network with one hidden activation.</summary>
            [Dense(4, 3, Activation.{{activation}})]
            [Dense(3, 2)]
            public partial class ActivationModel
            {
            }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Assert.DoesNotContain(TestHelper.RunAnalyzers(compilation), d => d.Severity == DiagnosticSeverity.Error);

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        string text = Assert.Single(run.Sources).Value;
        Assert.NotEmpty(text);

        // The value read from the attribute maps to the runtime member of the same name.
        Assert.Contains($"Layer 1: Dense 4→3, {activation} —", text, StringComparison.Ordinal);
        Assert.Contains($"a1 = {activation}(z1)", text, StringComparison.Ordinal);
        if (activation != Activation.Linear)
        {
            Assert.Contains($"global::StaticNN.Kernels.{activation}Operator<float>", text, StringComparison.Ordinal);
        }

        Compilation strict = GeneratedCodeCompilesTests.Strict(run.OutputCompilation);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(strict);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Every_loss_generates_a_network_that_reports_that_loss(Loss loss)
    {
        string source = $$"""
            using StaticNN;

            namespace Mirror;

            /// <summary>A network with one loss.</summary>
            [Network(Loss.{{loss}})]
            [Dense(4, 3, Activation.ReLU)]
            [Dense(3, 2)]
            public partial class LossModel
            {
            }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Assert.Empty(TestHelper.RunAnalyzers(compilation));

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Contains($"=> global::StaticNN.Loss.{loss};", Assert.Single(run.Sources).Value, StringComparison.Ordinal);

        Compilation strict = GeneratedCodeCompilesTests.Strict(run.OutputCompilation);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(strict);
        using var loaded = LoadedCompilation.Emit(strict);
        var network = Assert.IsAssignableFrom<INetwork<float>>(loaded.CreateInstance("Mirror.LossModel"));
        Assert.Equal(loss, network.Loss);
    }

    [Fact]
    public void First_activation_past_the_runtime_enum_is_SNN0011()
    {
        int undefined = Enum.GetValues<Activation>().Max(a => (int)a) + 1;
        Assert.Equal(6, undefined);
        string source = $$"""
            using StaticNN;

            namespace Mirror;

            [Dense(4, 3, (Activation){{undefined}})]
            [Dense(3, 2)]
            public partial class UndefinedActivationModel
            {
            }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation));
        Assert.Equal("SNN0011", diagnostic.Id);
        Assert.Equal($"(Activation){undefined}", TestHelper.LocatedText(diagnostic));

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void First_loss_past_the_runtime_enum_is_SNN0012()
    {
        int undefined = Enum.GetValues<Loss>().Max(l => (int)l) + 1;
        string source = $$"""
            using StaticNN;

            namespace Mirror;

            [Network((Loss){{undefined}})]
            [Dense(4, 3, Activation.ReLU)]
            [Dense(3, 2)]
            public partial class UndefinedLossModel
            {
            }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation));
        Assert.Equal("SNN0012", diagnostic.Id);
        Assert.Equal($"(Loss){undefined}", TestHelper.LocatedText(diagnostic));

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Empty(run.Sources);
    }
}
