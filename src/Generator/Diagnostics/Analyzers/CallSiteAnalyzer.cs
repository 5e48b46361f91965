using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StaticNN.Generator.Declarations;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>
/// Checks calls of a network's <c>Forward</c>, <c>ForwardBatch</c>, <c>Backward</c>,
/// <c>TrainBatch</c> and <c>Evaluate</c> whose buffers have a length known at compile time, and
/// reports the ones that would throw at run time: SNN0017 (a sample of the wrong length), SNN0018
/// (a batch that is not a whole number of samples), SNN0019 (targets that do not match the
/// inputs), SNN0020 (an output buffer too short). Each is reported at the argument that is wrong.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallSiteAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.SampleLengthMismatch,
        DiagnosticDescriptors.BatchNotWholeSamples,
        DiagnosticDescriptors.TargetLengthMismatch,
        DiagnosticDescriptors.OutputBufferTooShort,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // The sizes of each network type, read once per compilation (null for a type that is not a valid network).
            var shapes = new ConcurrentDictionary<INamedTypeSymbol, NetworkShape?>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    IMethodSymbol method = invocation.TargetMethod;
                    if (method.Name is not ("Forward" or "ForwardBatch" or "Backward" or "TrainBatch" or "Evaluate")
                        || method.IsStatic
                        || method.ContainingType is not { } type
                        || shapes.GetOrAdd(type, t => NetworkShape.Of(t, operationContext.CancellationToken)) is not { } shape)
                    {
                        return;
                    }

                    Analyze(invocation, type.Name, shape, operationContext);
                },
                OperationKind.Invocation);
        });
    }

    private static void Analyze(IInvocationOperation invocation, string model, NetworkShape shape, OperationAnalysisContext context)
    {
        string method = invocation.TargetMethod.Name;
        IArgumentOperation? Argument(string name) => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);
        int? Length(IArgumentOperation? argument) => argument is null ? null : KnownLength.Of(argument.Value, context.CancellationToken);
        void Report(DiagnosticDescriptor descriptor, IArgumentOperation argument, long? fixedLength, params object[] args) =>
            context.ReportDiagnostic(Diagnostic.Create(
                descriptor,
                argument.Syntax.GetLocation(),
                fixedLength is { } length ? DiagnosticProperties.WithExpectedLength(length) : null,
                args));

        if (method == "Forward")
        {
            // The typed overload Forward(in Input, …) has no span to check.
            if (Argument("input") is { } input && Length(input) is { } inputLength && inputLength != shape.InputSize)
            {
                Report(DiagnosticDescriptors.SampleLengthMismatch, input, shape.InputSize, model, method, shape.InputSize, "input", inputLength);
            }

            if (Argument("output") is { } output && Length(output) is { } outputLength && outputLength < shape.OutputSize)
            {
                Report(DiagnosticDescriptors.OutputBufferTooShort, output, shape.OutputSize, model, method, shape.OutputSize, "output", outputLength);
            }

            return;
        }

        IArgumentOperation? inputs = Argument("inputs");
        int? samples = null;
        if (inputs is not null && Length(inputs) is { } inputsLength)
        {
            if (inputsLength == 0 || inputsLength % shape.InputSize != 0)
            {
                Report(DiagnosticDescriptors.BatchNotWholeSamples, inputs, null, model, method, "inputs", shape.InputSize, inputsLength);
                return;
            }

            samples = inputsLength / shape.InputSize;
        }

        if (samples is not { } count)
        {
            return;
        }

        long expected = (long)count * shape.OutputSize;
        if (method == "ForwardBatch")
        {
            if (Argument("outputs") is { } outputs && Length(outputs) is { } outputsLength && outputsLength < expected)
            {
                Report(DiagnosticDescriptors.OutputBufferTooShort, outputs, expected, model, method, expected, "outputs", outputsLength);
            }
        }
        else if (Argument("targets") is { } targets && Length(targets) is { } targetsLength && targetsLength != expected)
        {
            Report(DiagnosticDescriptors.TargetLengthMismatch, targets, expected, model, method, expected, count, shape.OutputSize, targetsLength);
        }
    }
}
