using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Diagnostics;

/// <summary>
/// Every diagnostic StaticNN reports. IDs are stable: a retired ID is never reused. Each has a
/// help page at <c>docs/diagnostics/{ID}.md</c> and a line in <c>AnalyzerReleases.*.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "StaticNN";
    private const string HelpLinkBase = "https://github.com/staticnn/staticnn/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor NetworkNotPartial = Error(
        "SNN0001",
        "Network class must be partial",
        "The network class '{0}' must be declared partial so that StaticNN can add its generated members");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "SNN0002",
        "Type containing a network must be partial",
        "'{0}' contains the network class '{1}' and must be declared partial so that StaticNN can add the generated members");

    public static readonly DiagnosticDescriptor GenericNetwork = Error(
        "SNN0003",
        "Network class cannot be generic",
        "The network class '{0}' cannot be generic: its sizes and element type are fixed by its attributes");

    public static readonly DiagnosticDescriptor StaticNetwork = Error(
        "SNN0004",
        "Network class cannot be static",
        "The network class '{0}' cannot be static: a network is an object that owns its parameters");

    public static readonly DiagnosticDescriptor LayerSizeNotPositive = Error(
        "SNN0005",
        "Layer size must be positive",
        "Layer {0} has {1} {2}, but a layer size must be at least 1");

    public static readonly DiagnosticDescriptor LayerInputMismatch = Error(
        "SNN0006",
        "Layer inputs must equal the previous layer's outputs",
        "Layer {0} expects {1} inputs but layer {2} produces {3}");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "SNN0007",
        "Network has too many parameters",
        "The network '{0}' reaches {1} parameters at layer {2}, more than the {3} that one .NET array can hold");

    public static readonly DiagnosticDescriptor NetworkWithoutLayers = Error(
        "SNN0008",
        "Network has no layers",
        "'{0}' has [Network] but no [Dense] layer; add at least one [Dense(inputs, outputs)]");

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(
        "SNN0009",
        "Layers are split across partial declarations",
        "The [Dense] layers of '{0}' are spread over {1} partial declarations, so their order is undefined; put them all on one declaration");

    public static readonly DiagnosticDescriptor UnsupportedElementType = Error(
        "SNN0010",
        "Unsupported element type",
        "Element type '{0}' is not supported; use typeof(float) or typeof(double)");

    public static readonly DiagnosticDescriptor UndefinedActivation = Error(
        "SNN0011",
        "Activation is not a defined value",
        "Layer {0} uses activation {1}, which is not a defined StaticNN.Activation value");

    public static readonly DiagnosticDescriptor UndefinedLoss = Error(
        "SNN0012",
        "Loss is not a defined value",
        "Loss {0} is not a defined StaticNN.Loss value");

    public static readonly DiagnosticDescriptor CrossEntropyTooFewOutputs = Error(
        "SNN0013",
        "CrossEntropy needs at least 2 outputs",
        "CrossEntropy needs at least 2 outputs, but the last layer (layer {0}) produces {1}");

    public static readonly DiagnosticDescriptor CrossEntropyNeedsLinearOutput = Error(
        "SNN0014",
        "CrossEntropy needs a Linear last layer",
        "With CrossEntropy the last layer must be Linear, since the softmax is part of the loss, but layer {0} uses {1}");

    public static readonly DiagnosticDescriptor FileLocalNetwork = Error(
        "SNN0015",
        "Network class cannot be file-local",
        "The network class '{0}' cannot be file-local: its generated members live in another file");

    public static readonly DiagnosticDescriptor LinearLayersCollapse = new(
        "SNN0016",
        "Linear layer followed by another layer",
        "Layer {0} is Linear and feeds layer {1}; two linear layers collapse into one linear map, so give layer {0} an activation",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SNN0016.md");

    public static readonly DiagnosticDescriptor SampleLengthMismatch = Error(
        "SNN0017",
        "Sample has the wrong length",
        "{0}.{1} expects {2} values in '{3}' (InputSize) but the argument has {4}");

    public static readonly DiagnosticDescriptor BatchNotWholeSamples = Error(
        "SNN0018",
        "Batch is not a whole number of samples",
        "{0}.{1} expects '{2}' to hold one or more whole samples of {3} values (InputSize) but the argument has {4}");

    public static readonly DiagnosticDescriptor TargetLengthMismatch = Error(
        "SNN0019",
        "Targets do not match the inputs",
        "{0}.{1} expects {2} values in 'targets' ({3} samples × {4} outputs) but the argument has {5}");

    public static readonly DiagnosticDescriptor OutputBufferTooShort = Error(
        "SNN0020",
        "Output buffer is too short",
        "{0}.{1} writes {2} values to '{3}' but the argument has only {4}");

    public static readonly DiagnosticDescriptor UndefinedOptimizer = Error(
        "SNN0021",
        "Optimizer is not a defined value",
        "Optimizer {0} is not a defined StaticNN.Optimizer value");

    public static readonly DiagnosticDescriptor OptimizerSettingOutOfRange = Error(
        "SNN0022",
        "Optimizer setting out of range",
        "{0} is {1}, but it must be {2}");

    public static readonly DiagnosticDescriptor LargeNetwork = new(
        "SNN0023",
        "Network is very large",
        "The network '{0}' has {1} parameters: {2} bytes of parameters and as much again for gradients, more than the {3} bytes StaticNN considers small",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SNN0023.md");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "SNN0024",
        "Weights file not found",
        "The weights file '{0}' {1}");

    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
        "SNN0025",
        "Weights file is not a valid safetensors file",
        "The weights file '{0}' is not a valid safetensors file: {1}");

    public static readonly DiagnosticDescriptor WeightsDoNotFit = Error(
        "SNN0026",
        "Weights do not fit the network",
        "The weights file '{0}' does not fit the network: {1}");

    public static readonly DiagnosticDescriptor WeightsWrongDtype = Error(
        "SNN0027",
        "Weights have the wrong dtype",
        "The weights file '{0}' stores tensor '{1}' as {2}, but '{3}' needs {4}; save the weights from a network of the same element type");

    public static readonly DiagnosticDescriptor WeightsNotFinite = new(
        "SNN0028",
        "Weights hold NaN or infinite values",
        "The weights file '{0}' holds {1} values that are NaN or infinite; they are compiled in as they are, and the network's outputs will be too",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SNN0028.md");

    public static readonly DiagnosticDescriptor WeightsTooLarge = Error(
        "SNN0029",
        "Network is too large to compile its weights in",
        "The network '{0}' has {1} parameters, more than the {2} StaticNN compiles into an assembly; load the weights at run time with Load instead");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
