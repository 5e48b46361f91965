using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Model;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks that activation and loss values are members of their enums (a cast such as
/// <c>(Activation)42</c> compiles but names nothing). Reports SNN0011, SNN0012.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnumValueAnalyzer : NetworkAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.UndefinedActivation,
        DiagnosticDescriptors.UndefinedLoss,
    ];

    internal override void Analyze(NetworkDeclaration network, Action<Diagnostic> report)
    {
        foreach (DenseDeclaration layer in network.Layers)
        {
            if (layer.Activation is { } activation && !Enum.IsDefined(typeof(ActivationKind), activation))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.UndefinedActivation, layer.ArgumentLocation(DenseDeclaration.ActivationParameter), layer.Number, activation));
            }
        }

        if (network.LossValue is { } loss && !Enum.IsDefined(typeof(LossKind), loss))
        {
            Location location = AttributeSyntaxHelper.ArgumentLocation(network.NetworkSyntax, 0, "loss") ?? network.NetworkLocation;
            report(Diagnostic.Create(DiagnosticDescriptors.UndefinedLoss, location, loss));
        }
    }
}
