using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks that the layers are where their order is defined: at least one <c>[Dense]</c> when
/// <c>[Network]</c> is present, and all of them on one partial declaration. Reports SNN0008, SNN0009.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerPlacementAnalyzer : NetworkAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.NetworkWithoutLayers,
        DiagnosticDescriptors.LayersSplitAcrossDeclarations,
    ];

    internal override void Analyze(NetworkDeclaration network, Action<Diagnostic> report)
    {
        if (network.Layers.IsEmpty)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.NetworkWithoutLayers, network.NetworkLocation, network.Type.Name));
            return;
        }

        int declarations = network.DeclarationsWithLayers;
        if (declarations > 1)
        {
            // Point at the first layer that is not on the first declaration that has layers.
            TypeDeclarationSyntax? first = network.Layers[0].Syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            DenseDeclaration stray = network.Layers.First(l => l.Syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>() != first);
            report(Diagnostic.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, stray.Location, network.Type.Name, declarations));
        }
    }
}
