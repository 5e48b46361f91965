using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves SNN0021 and SNN0022 (ID, severity, message, location; nothing generated) and that valid
/// optimizer settings reach the generated code as the constants of the update.
/// </summary>
public sealed class OptimizerDiagnosticTests
{
    [Theory]
    [InlineData("Optimizer = (Optimizer)9", "SNN0021", "Optimizer 9 is not a defined StaticNN.Optimizer value")]
    [InlineData("Optimizer = Optimizer.Momentum, Momentum = 1.0", "SNN0022", "Momentum is 1, but it must be at least 0 and less than 1")]
    [InlineData("Optimizer = Optimizer.Adam, Beta1 = -0.5", "SNN0022", "Beta1 is -0.5, but it must be at least 0 and less than 1")]
    [InlineData("Optimizer = Optimizer.Adam, Beta2 = double.NaN", "SNN0022", "Beta2 is NaN, but it must be at least 0 and less than 1")]
    [InlineData("Optimizer = Optimizer.Adam, Epsilon = 0", "SNN0022", "Epsilon is 0, but it must be finite and greater than 0")]
    [InlineData("Epsilon = double.PositiveInfinity", "SNN0022", "Epsilon is Infinity, but it must be finite and greater than 0")]
    public void A_bad_optimizer_setting_is_an_error_at_the_setting(string settings, string id, string message)
    {
        string source = $$"""
            using StaticNN;
            namespace Opt;
            /// <summary>A network.</summary>
            [Network(Loss.Mse, {{settings}})]
            [Dense(4, 1)]
            public partial class Model { }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));

        // Located at the one named argument that is wrong.
        string located = TestHelper.LocatedText(diagnostic);
        Assert.Contains(located, settings, System.StringComparison.Ordinal);
        Assert.Contains(" = ", located, System.StringComparison.Ordinal);

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("Optimizer = Optimizer.Momentum, Momentum = 0.5", "global::StaticNN.Kernels.Momentum.Step<float>(_parameters, _gradients, _velocity, learningRate, (float)0.5);")]
    [InlineData("Optimizer = Optimizer.Adam", "global::StaticNN.Kernels.Adam.Step<float>(_parameters, _gradients, _firstMoment, _secondMoment, _step, learningRate, 0.9, 0.999, 1E-08);")]
    [InlineData("Optimizer = Optimizer.Adam, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6", "learningRate, 0.8, 0.99, 1E-06);")]
    [InlineData("", "private void ApplyUpdate(float learningRate) => global::StaticNN.Kernels.Sgd.Step<float>(_parameters, _gradients, learningRate);")]
    public void Valid_settings_become_the_constants_of_the_update(string settings, string expected)
    {
        string source = $$"""
            using StaticNN;
            namespace Opt;
            /// <summary>A network.</summary>
            [Network(Loss.Mse{{(settings.Length > 0 ? ", " + settings : "")}})]
            [Dense(4, 1)]
            public partial class Model { }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Assert.Empty(TestHelper.RunAnalyzers(compilation));
        GeneratorRun run = TestHelper.RunGenerator(compilation);
        Assert.Contains(expected, Assert.Single(run.Sources).Value, System.StringComparison.Ordinal);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
