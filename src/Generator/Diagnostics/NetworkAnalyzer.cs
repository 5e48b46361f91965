using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;

namespace StaticNN.Generator.Diagnostics;

/// <summary>
/// The shape every StaticNN analyzer shares: for each class with network attributes, read the
/// declaration once and check one family of rules. The generator runs the same checks
/// (<see cref="NetworkValidation"/>) to decide whether a declaration can be compiled.
/// </summary>
public abstract class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(
            symbolContext =>
            {
                if (symbolContext.Symbol is INamedTypeSymbol type
                    && NetworkDeclaration.Read(type, symbolContext.CancellationToken) is { } network)
                {
                    Analyze(network, symbolContext.ReportDiagnostic);
                }
            },
            SymbolKind.NamedType);
    }

    /// <summary>Checks this analyzer's rules and reports each violation.</summary>
    internal abstract void Analyze(NetworkDeclaration network, Action<Diagnostic> report);
}
