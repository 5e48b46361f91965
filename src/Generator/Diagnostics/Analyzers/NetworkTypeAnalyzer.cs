using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks that the class can receive generated members: partial (and so are the types around it),
/// not generic, not static, not file-local. Reports SNN0001, SNN0002, SNN0003, SNN0004, SNN0015.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkTypeAnalyzer : NetworkAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.NetworkNotPartial,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.GenericNetwork,
        DiagnosticDescriptors.StaticNetwork,
        DiagnosticDescriptors.FileLocalNetwork,
    ];

    internal override void Analyze(NetworkDeclaration network, Action<Diagnostic> report)
    {
        INamedTypeSymbol type = network.Type;
        string name = type.Name;
        if (!IsPartial(type))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.NetworkNotPartial, network.TypeLocation, name));
        }

        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, IdentifierLocation(outer), outer.Name, name));
            }
        }

        if (type.TypeParameters.Length > 0)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.GenericNetwork, network.TypeLocation, name));
        }

        if (type.IsStatic)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.StaticNetwork, network.TypeLocation, name));
        }

        if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.FileKeyword)))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.FileLocalNetwork, network.TypeLocation, name));
        }
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static Location IdentifierLocation(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)) is { } declaration
            ? declaration.Identifier.GetLocation()
            : type.Locations.FirstOrDefault() ?? Location.None;
}
