using Microsoft.CodeAnalysis;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Diagnostics.Analyzers;

namespace StaticNN.Generator.Diagnostics;

/// <summary>
/// The generator's gate: a declaration is compiled only when no analyzer finds an error in it.
/// Running the analyzers' own checks keeps the two in step: whatever makes the generator emit
/// nothing is also what the user sees as an <c>SNN</c> error.
/// </summary>
internal static class NetworkValidation
{
    private static readonly NetworkAnalyzer[] Analyzers =
    [
        new NetworkTypeAnalyzer(),
        new LayerPlacementAnalyzer(),
        new LayerShapeAnalyzer(),
        new EnumValueAnalyzer(),
        new ElementTypeAnalyzer(),
        new CrossEntropyAnalyzer(),
        new OptimizerAnalyzer(),
    ];

    /// <summary>Whether any rule reports an error for <paramref name="network"/>, or its attributes did not bind.</summary>
    public static bool HasErrors(NetworkDeclaration network)
    {
        foreach (DenseDeclaration layer in network.Layers)
        {
            if (!layer.IsBound)
            {
                // The compiler already reports the broken attribute (missing or mistyped argument).
                return true;
            }
        }

        if (network.LossValue is null)
        {
            // [Network(...)] whose loss the compiler could not bind; it reports that itself.
            return true;
        }

        bool hasError = false;
        foreach (NetworkAnalyzer analyzer in Analyzers)
        {
            analyzer.Analyze(network, diagnostic => hasError |= diagnostic.Severity == DiagnosticSeverity.Error);
            if (hasError)
            {
                return true;
            }
        }

        return false;
    }
}
