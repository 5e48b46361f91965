using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks the sizes: every size positive, each layer's inputs equal to the previous layer's
/// outputs, and the parameters within one array. Reports SNN0005, SNN0006, SNN0007, and the
/// warning SNN0016 for a Linear hidden layer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerShapeAnalyzer : NetworkAnalyzer
{
    /// <summary>
    /// The most elements one .NET array may hold (<c>Array.MaxLength</c>); the parameters live in
    /// one array, so their count must not exceed it.
    /// </summary>
    internal const long MaxParameterCount = 0x7FFFFFC7;

    /// <summary>
    /// Past this many bytes of parameters (256 MiB) a network is no longer the small, static model
    /// StaticNN is made for; it still compiles, with a warning that says what it will cost.
    /// </summary>
    internal const long LargeNetworkBytes = 256L * 1024 * 1024;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.LayerSizeNotPositive,
        DiagnosticDescriptors.LayerInputMismatch,
        DiagnosticDescriptors.TooManyParameters,
        DiagnosticDescriptors.LinearLayersCollapse,
        DiagnosticDescriptors.LargeNetwork,
    ];

    internal override void Analyze(NetworkDeclaration network, Action<Diagnostic> report)
    {
        bool sizesValid = true;
        DenseDeclaration? previous = null;
        foreach (DenseDeclaration layer in network.Layers)
        {
            if (layer.Inputs is <= 0)
            {
                sizesValid = false;
                report(Diagnostic.Create(DiagnosticDescriptors.LayerSizeNotPositive, layer.ArgumentLocation(DenseDeclaration.InputsParameter), layer.Number, layer.Inputs, "inputs"));
            }

            if (layer.Outputs is <= 0)
            {
                sizesValid = false;
                report(Diagnostic.Create(DiagnosticDescriptors.LayerSizeNotPositive, layer.ArgumentLocation(DenseDeclaration.OutputsParameter), layer.Number, layer.Outputs, "outputs"));
            }

            if (previous is { Outputs: { } produced } && layer.Inputs is { } expected && expected != produced && expected > 0 && produced > 0)
            {
                report(Diagnostic.Create(
                    DiagnosticDescriptors.LayerInputMismatch,
                    layer.ArgumentLocation(DenseDeclaration.InputsParameter),
                    DiagnosticProperties.WithExpectedLength(produced),
                    layer.Number,
                    expected,
                    previous.Number,
                    produced));
            }

            if (previous is { Activation: 0 })
            {
                report(Diagnostic.Create(DiagnosticDescriptors.LinearLayersCollapse, previous.ArgumentLocation(DenseDeclaration.ActivationParameter), previous.Number, layer.Number));
            }

            previous = layer;
        }

        if (sizesValid)
        {
            long total = 0;
            foreach (DenseDeclaration layer in network.Layers)
            {
                if (layer.Inputs is not { } inputs || layer.Outputs is not { } outputs)
                {
                    return;
                }

                // At most (2^31)·(2^31 + 1) per layer, which fits a long; the running total stops at the first excess.
                total += ((long)inputs * outputs) + outputs;
                if (total > MaxParameterCount)
                {
                    report(Diagnostic.Create(DiagnosticDescriptors.TooManyParameters, layer.Location, network.Type.Name, total, layer.Number, MaxParameterCount));
                    return;
                }
            }

            int elementBytes = ElementTypeAnalyzer.ElementSpecialType(network.ElementTypeArgument) == SpecialType.System_Double ? 8 : 4;
            if (total * elementBytes > LargeNetworkBytes)
            {
                report(Diagnostic.Create(DiagnosticDescriptors.LargeNetwork, network.TypeLocation, network.Type.Name, total, total * elementBytes, LargeNetworkBytes));
            }
        }
    }
}
