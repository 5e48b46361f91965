namespace StaticNN.Generator;

/// <summary>
/// The names of the tracked pipeline steps, so tests can check that an unrelated edit leaves each
/// one <c>Cached</c> or <c>Unchanged</c> and that a change to a network makes it <c>Modified</c>.
/// </summary>
public static class NetworkGeneratorStepNames
{
    /// <summary>Each class with <c>[Dense]</c> parsed into a model, or null when it has an error.</summary>
    public const string Parse = "StaticNN.Parse";

    /// <summary>The models of the declarations that can be compiled.</summary>
    public const string Networks = "StaticNN.Networks";

    /// <summary>The compilable networks with the trained parameters their <c>Weights</c> file gives, if any.</summary>
    public const string Weights = "StaticNN.Weights";

    /// <summary>The fixed-size input and output types of all networks, merged.</summary>
    public const string Shapes = "StaticNN.Shapes";
}
