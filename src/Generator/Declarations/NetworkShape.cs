using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNN.Generator.Diagnostics;

namespace StaticNN.Generator.Declarations;

/// <summary>The input and output sizes of a valid network declaration.</summary>
internal sealed record NetworkShape(int InputSize, int OutputSize)
{
    /// <summary>Returns the shape of <paramref name="type"/>, or null when it is not a network the generator compiles.</summary>
    public static NetworkShape? Of(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        NetworkDeclaration.Read(type, cancellationToken) is { Layers.IsEmpty: false } declaration && !NetworkValidation.HasErrors(declaration)
            ? new NetworkShape(declaration.Layers[0].Inputs!.Value, declaration.Layers[declaration.Layers.Length - 1].Outputs!.Value)
            : null;
}
