using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNN.Generator.Declarations;

/// <summary>
/// One <c>[Dense]</c> attribute as written: its values (null where the compiler could not bind
/// them) and where each argument is, so a diagnostic can point at the argument that is wrong.
/// </summary>
internal sealed class DenseDeclaration
{
    public const int InputsParameter = 0;
    public const int OutputsParameter = 1;
    public const int ActivationParameter = 2;

    private static readonly string[] ParameterNames = ["inputs", "outputs", "activation"];

    public DenseDeclaration(AttributeData data, int number, AttributeSyntax? syntax)
    {
        Data = data;
        Number = number;
        Syntax = syntax;
        if (data.AttributeConstructor is not null && data.ConstructorArguments.Length == 3)
        {
            Inputs = data.ConstructorArguments[InputsParameter].Value as int?;
            Outputs = data.ConstructorArguments[OutputsParameter].Value as int?;
            Activation = data.ConstructorArguments[ActivationParameter].Value as int?;
        }
    }

    public AttributeData Data { get; }

    /// <summary>The layer's 1-based position in the network.</summary>
    public int Number { get; }

    public AttributeSyntax? Syntax { get; }

    public int? Inputs { get; }

    public int? Outputs { get; }

    public int? Activation { get; }

    /// <summary>Whether every argument is bound to a value.</summary>
    public bool IsBound => Inputs is not null && Outputs is not null && Activation is not null;

    /// <summary>The location of the argument for constructor parameter <paramref name="parameter"/>, or of the whole attribute when it is not written.</summary>
    public Location ArgumentLocation(int parameter) =>
        AttributeSyntaxHelper.ArgumentLocation(Syntax, parameter, ParameterNames[parameter]) ?? Location;

    /// <summary>The location of the whole attribute.</summary>
    public Location Location => Syntax?.GetLocation() ?? Location.None;

    public static DenseDeclaration Create(AttributeData data, int number, CancellationToken cancellationToken) =>
        new(data, number, data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax);
}
