using System.Linq;
using System.Threading.Tasks;

namespace StaticNN.CodeFixes.Tests;

/// <summary>
/// Proves LayerInputsCodeFixProvider sets the inputs of the layer SNN0006 points at to the previous
/// layer's outputs (the value the diagnostic carries), positional or named, touching nothing else,
/// and that the error is then gone and the network compiles.
/// </summary>
public sealed class LayerInputsCodeFixTests
{
    private readonly LayerInputsCodeFixProvider _provider = new();

    [Fact]
    public void Fixes_exactly_SNN0006()
    {
        Assert.Equal(["SNN0006"], _provider.FixableDiagnosticIds.ToArray());
    }

    [Theory]
    [InlineData("[Dense(50, 1)]", "[Dense(100, 1)]")]
    [InlineData("[Dense(inputs: 50, outputs: 1)]", "[Dense(inputs: 100, outputs: 1)]")]
    [InlineData("[Dense(outputs: 1, inputs: 50)]", "[Dense(outputs: 1, inputs: 100)]")]
    [InlineData("[Dense( 50 , 1)]", "[Dense( 100 , 1)]")]
    [InlineData("[Dense(50, 1, Activation.Sigmoid)]", "[Dense(100, 1, Activation.Sigmoid)]")]
    [InlineData("[Dense(0x32, 1)]", "[Dense(100, 1)]")]
    public async Task SNN0006_second_layer_inputs_become_the_first_layers_outputs(string layer, string fixedLayer)
    {
        const string template = """
            using StaticNN;

            namespace Fixes;

            /// <summary>A network.</summary>
            [Network(Loss.Mse)]
            [Dense(56, 100, Activation.ReLU)]
            LAYER
            public partial class Model
            {
            }
            """;
        await AssertFix(template.Replace("LAYER", layer, System.StringComparison.Ordinal), template.Replace("LAYER", fixedLayer, System.StringComparison.Ordinal), "Change the layer's inputs to 100, the previous layer's outputs");
    }

    [Fact]
    public Task SNN0006_in_a_later_layer() => AssertFix(
        """
        using StaticNN;

        namespace Fixes;

        /// <summary>A network.</summary>
        [Dense(4, 8, Activation.ReLU)]
        [Dense(8, 6, Activation.Tanh)]
        [Dense(5, 2)]
        public partial class Model
        {
        }
        """,
        """
        using StaticNN;

        namespace Fixes;

        /// <summary>A network.</summary>
        [Dense(4, 8, Activation.ReLU)]
        [Dense(8, 6, Activation.Tanh)]
        [Dense(6, 2)]
        public partial class Model
        {
        }
        """,
        "Change the layer's inputs to 6, the previous layer's outputs");

    private async Task AssertFix(string before, string after, string title)
    {
        (string actual, string actualTitle) = await CodeFixHarness.ApplyFixAsync(before, _provider, "SNN0006");
        Assert.Equal(after, actual);
        Assert.Equal(title, actualTitle);
        await CodeFixHarness.AssertFixedAsync(actual, "SNN0006");
    }
}
