using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Model;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks what CrossEntropy needs of the last layer: at least 2 outputs (a softmax over one value
/// is always 1) and a Linear activation (the softmax is part of the loss). Reports SNN0013, SNN0014.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CrossEntropyAnalyzer : NetworkAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.CrossEntropyTooFewOutputs,
        DiagnosticDescriptors.CrossEntropyNeedsLinearOutput,
    ];

    internal override void Analyze(NetworkDeclaration network, Action<Diagnostic> report)
    {
        if (network.LossValue != (int)LossKind.CrossEntropy || network.Layers.IsEmpty)
        {
            return;
        }

        DenseDeclaration last = network.Layers[network.Layers.Length - 1];
        if (last.Outputs is { } outputs and > 0 and < 2)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.CrossEntropyTooFewOutputs, last.ArgumentLocation(DenseDeclaration.OutputsParameter), last.Number, outputs));
        }

        if (last.Activation is { } activation and not (int)ActivationKind.Linear)
        {
            string shown = Enum.IsDefined(typeof(ActivationKind), activation) ? ((ActivationKind)activation).ToString() : activation.ToString(System.Globalization.CultureInfo.InvariantCulture);
            report(Diagnostic.Create(DiagnosticDescriptors.CrossEntropyNeedsLinearOutput, last.ArgumentLocation(DenseDeclaration.ActivationParameter), last.Number, shown));
        }
    }
}
