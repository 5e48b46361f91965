using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Weights;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks <c>[Network(Weights = "…")]</c> against the project's weights files: the file is an
/// <c>AdditionalFiles</c> item, a valid safetensors file, holds exactly the network's tensors with its
/// shapes and dtype, and the network is small enough to compile in. Reports SNN0024–SNN0029 at the
/// <c>Weights</c> argument. The generator runs the same check and compiles nothing when it fails.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeightsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.WeightsFileNotFound,
        DiagnosticDescriptors.WeightsFileInvalid,
        DiagnosticDescriptors.WeightsDoNotFit,
        DiagnosticDescriptors.WeightsWrongDtype,
        DiagnosticDescriptors.WeightsNotFinite,
        DiagnosticDescriptors.WeightsTooLarge,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(startContext =>
        {
            // Read the project's weights files once per compilation, and only if a network asks for one.
            AnalyzerOptions options = startContext.Options;
            var files = new Lazy<IReadOnlyList<WeightsFileSource>>(() => ReadFiles(options, startContext.CancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            startContext.RegisterSymbolAction(
                symbolContext =>
                {
                    if (symbolContext.Symbol is INamedTypeSymbol type
                        && NetworkDeclaration.Read(type, symbolContext.CancellationToken) is { } network
                        && network.NamedArgument("Weights")?.Value is string weights
                        && !NetworkValidation.HasErrors(network))
                    {
                        Analyze(network, weights, files.Value, symbolContext.ReportDiagnostic, symbolContext.CancellationToken);
                    }
                },
                SymbolKind.NamedType);
        });
    }

    private static void Analyze(NetworkDeclaration network, string weights, IReadOnlyList<WeightsFileSource> files, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        WeightsResult result = EmbeddedWeights.Resolve(
            weights,
            files,
            network.Type.Name,
            NetworkGenerator.Parser.Layers(network),
            NetworkGenerator.Parser.Element(network),
            cancellationToken);
        Location location = AttributeSyntaxHelper.PropertyLocation(network.NetworkSyntax, "Weights") ?? network.NetworkLocation;
        if (result.Problem is { } problem)
        {
            report(Diagnostic.Create(problem, location, result.Arguments));
        }
        else if (result.NonFiniteCount > 0)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.WeightsNotFinite, location, result.Arguments));
        }
    }

    private static IReadOnlyList<WeightsFileSource> ReadFiles(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var files = new List<WeightsFileSource>();
        foreach (AdditionalText file in options.AdditionalFiles)
        {
            if (WeightsFileSource.TryRead(file, options.AnalyzerConfigOptionsProvider.GetOptions(file), cancellationToken) is { } source)
            {
                files.Add(source);
            }
        }

        return files;
    }
}
