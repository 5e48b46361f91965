using System.CommandLine.Parsing;
using System.Globalization;

namespace StaticNN.Samples;

/// <summary>
/// The samples' command-line values, parsed and checked in one step: System.CommandLine runs
/// validators even when parsing failed, so a separate validator would read a value that is not
/// there. A bad value adds one clear error, and the command exits with code 1.
/// </summary>
internal static class OptionValues
{
    /// <summary>A whole number of at least 1.</summary>
    public static int PositiveInteger(ArgumentResult result)
    {
        string token = result.Tokens[0].Value;
        if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} expects a whole number of at least 1, but got '{token}'.");
        return 0;
    }

    /// <summary>A finite number greater than 0.</summary>
    public static float PositiveNumber(ArgumentResult result)
    {
        string token = result.Tokens[0].Value;
        if (float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value) && value > 0)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} expects a number greater than 0, such as 0.001, but got '{token}'.");
        return 0;
    }

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "The option";
}
