using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNN.Generator.Declarations;

/// <summary>Finds the syntax of one argument of an attribute, positional or named.</summary>
internal static class AttributeSyntaxHelper
{
    /// <summary>
    /// Returns the location of the argument that binds constructor parameter number
    /// <paramref name="position"/> (named <paramref name="parameterName"/>), or null when it is not written.
    /// </summary>
    public static Location? ArgumentLocation(AttributeSyntax? syntax, int position, string parameterName)
    {
        if (syntax?.ArgumentList is not { } list)
        {
            return null;
        }

        int positional = 0;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            // A named argument may stand in its own position and be followed by positional ones
            // (`Dense(inputs: 56, 0)`), so every constructor argument advances the position.
            if (argument.NameColon is { } nameColon
                ? nameColon.Name.Identifier.ValueText == parameterName
                : positional == position)
            {
                return argument.GetLocation();
            }

            positional++;
        }

        return null;
    }

    /// <summary>Returns the location of the named property argument <c>Name = value</c>, or null when it is not written.</summary>
    public static Location? PropertyLocation(AttributeSyntax? syntax, string propertyName)
    {
        if (syntax?.ArgumentList is not { } list)
        {
            return null;
        }

        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == propertyName)
            {
                return argument.GetLocation();
            }
        }

        return null;
    }
}
