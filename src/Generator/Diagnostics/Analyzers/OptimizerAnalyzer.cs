using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Model;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks the optimizer settings of <c>[Network]</c>: a defined <c>Optimizer</c> value, μ, β₁ and
/// β₂ in [0, 1), and ε finite and positive. Reports SNN0021, SNN0022.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptimizerAnalyzer : NetworkAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.UndefinedOptimizer,
        DiagnosticDescriptors.OptimizerSettingOutOfRange,
    ];

    internal override void Analyze(NetworkDeclaration network, Action<Diagnostic> report)
    {
        Location At(string name) => AttributeSyntaxHelper.PropertyLocation(network.NetworkSyntax, name) ?? network.NetworkLocation;

        if (network.NamedArgument("Optimizer")?.Value is int optimizer && !Enum.IsDefined(typeof(OptimizerKind), optimizer))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.UndefinedOptimizer, At("Optimizer"), optimizer));
        }

        foreach (string name in new[] { "Momentum", "Beta1", "Beta2" })
        {
            if (network.NamedArgument(name)?.Value is double value && !(value >= 0 && value < 1))
            {
                report(Diagnostic.Create(DiagnosticDescriptors.OptimizerSettingOutOfRange, At(name), name, Show(value), "at least 0 and less than 1"));
            }
        }

        if (network.NamedArgument("Epsilon")?.Value is double epsilon && !(epsilon > 0 && !double.IsInfinity(epsilon)))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.OptimizerSettingOutOfRange, At("Epsilon"), "Epsilon", Show(epsilon), "finite and greater than 0"));
        }
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
