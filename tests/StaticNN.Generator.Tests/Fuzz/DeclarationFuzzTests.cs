using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace StaticNN.Generator.Tests.Fuzz;

/// <summary>
/// Compiles thousands of random declarations (<see cref="DeclarationFuzzer"/>) in memory with the
/// generator and every analyzer, and checks each against what its construction implies: the
/// generator never fails (CS8785) and no analyzer throws (AD0001); a declaration that breaks a
/// StaticNN rule gets that rule's SNN error; a valid one gets none, its output compiles without
/// errors and its network runs a forward pass, ForwardBatch agreeing with Forward sample by sample;
/// and whenever no SNN error is reported, no error lies in generated code.
/// </summary>
/// <remarks>
/// The suite runs <see cref="DefaultCount"/> declarations from a fixed seed. A longer run:
/// <c>STATICNN_FUZZ_DECLARATIONS=10000 dotnet test tests/StaticNN.Generator.Tests --filter DeclarationFuzzTests --logger "console;verbosity=detailed"</c>
/// (<c>STATICNN_FUZZ_SEED</c> picks another seed); it prints the counts.
/// </remarks>
public sealed class DeclarationFuzzTests(ITestOutputHelper output)
{
    /// <summary>Declarations per suite run: 30–60 s on two cores.</summary>
    public const int DefaultCount = 1000;

    private const int DefaultSeed = 20261129;

    [Fact]
    public void Random_declarations_never_crash_and_get_the_outcome_they_imply()
    {
        int count = Setting("STATICNN_FUZZ_DECLARATIONS", DefaultCount);
        int seed = Setting("STATICNN_FUZZ_SEED", DefaultSeed);
        var fuzzer = new DeclarationFuzzer(seed);
        FuzzCase[] cases = Enumerable.Range(0, count).Select(fuzzer.Next).ToArray();

        var failures = new ConcurrentBag<(int Index, string Text)>();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var reported = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fuzzCase =>
        {
            try
            {
                string outcome = Check(fuzzCase, reported);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }
            catch (Exception exception)
            {
                failures.Add((fuzzCase.Index, fuzzCase.Describe() + "\n" + exception.Message));
            }
        });

        output.WriteLine($"seed {seed}: {count} declarations in {clock.Elapsed.TotalSeconds:F1} s, {failures.Count} failed");
        foreach ((string outcome, int n) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {outcome}: {n}");
        }

        output.WriteLine("  SNN errors reported: " + string.Join(", ", reported.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} ×{r.Value}")));

        string firstFailures = string.Join("\n\n", failures.OrderBy(f => f.Index).Take(3).Select(f => f.Text));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {count} declarations failed; the first:\n{firstFailures}");

        // The fuzzer must reach every kind of outcome, or it proves less than it claims.
        foreach (string outcome in new[] { "valid, compiled and ran", "SNN error", "C# error", "broken" })
        {
            Assert.True(outcomes.TryGetValue(outcome, out int n) && n > 0, $"no declaration ended as '{outcome}'");
        }
    }

    [Fact]
    public void The_fuzzer_is_reproducible_from_its_seed()
    {
        var first = new DeclarationFuzzer(7);
        var second = new DeclarationFuzzer(7);
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(first.Next(i).Describe(), second.Next(i).Describe());
        }
    }

    /// <summary>Checks one declaration; returns its outcome, throws with the reason when it fails.</summary>
    private static string Check(FuzzCase fuzzCase, ConcurrentDictionary<string, int> reported)
    {
        Compilation compilation = TestHelper.CreateCompilation(fuzzCase.Files);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: TestHelper.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation result, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Require(run.Exception is null, $"the generator threw {run.Exception}");
        Require(!driverDiagnostics.Any(d => d.Id == "CS8785"), "CS8785: the generator failed");

        // RunAnalyzers fails on AD0001 (an analyzer threw).
        ImmutableArray<Diagnostic> analyzerDiagnostics = TestHelper.RunAnalyzers(result);
        string[] snnErrors = analyzerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("SNN", StringComparison.Ordinal))
            .Select(d => d.Id)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        foreach (string id in snnErrors)
        {
            reported.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        Diagnostic[] errors = result.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Diagnostic[] generatedErrors = errors.Where(d => run.GeneratedSources.Any(s => d.Location.SourceTree?.FilePath.EndsWith(s.HintName, StringComparison.Ordinal) == true)).ToArray();
        if (fuzzCase.Expected != Expectation.Broken && snnErrors.Length == 0)
        {
            Require(generatedErrors.Length == 0, "no SNN error, but the generated code has errors:\n" + string.Join("\n", generatedErrors.Select(d => d.ToString())));
        }

        switch (fuzzCase.Expected)
        {
            case Expectation.Valid:
                Require(snnErrors.Length == 0, "a valid declaration got " + string.Join(", ", snnErrors));
                Require(errors.Length == 0, "a valid declaration does not compile:\n" + string.Join("\n", errors.Select(d => d.ToString())));
                Require(run.GeneratedSources.Any(s => s.HintName != GeneratorRun.ShapesHintName), "a valid declaration generated nothing");
                if (!fuzzCase.CanRun)
                {
                    return "valid, compiled (not run)";
                }

                using (var loaded = LoadedCompilation.Emit(result))
                {
                    object network = loaded.CreateInstance(fuzzCase.MetadataName);
                    GeneratedCodeCompilesTests.AssertForwardRuns(network);
                    BatchAgreesWithForward(network);
                }

                return "valid, compiled and ran";

            case Expectation.SnnError:
                string[] missing = fuzzCase.Reasons.Where(r => r.StartsWith("SNN", StringComparison.Ordinal) && !snnErrors.Contains(r)).Distinct().ToArray();
                Require(missing.Length == 0, $"expected {string.Join(", ", missing)} but the analyzers reported [{string.Join(", ", snnErrors)}]");
                return "SNN error";

            case Expectation.CSharpError:
                Require(errors.Any(d => !d.Id.StartsWith("SNN", StringComparison.Ordinal)), "the compiler reported no error");
                return "C# error";

            default:
                return "broken";
        }
    }

    /// <summary>
    /// ForwardBatch of 83 samples (a full chunk and a partial one; the feature-major path where it
    /// applies) agrees with Forward sample by sample, and Evaluate's loss is finite.
    /// </summary>
    private static void BatchAgreesWithForward(object instance)
    {
        const int Samples = 83;
        switch (instance)
        {
            case INetwork<float> network:
            {
                float[] inputs = Enumerable.Range(0, Samples * network.InputSize).Select(i => (float)Math.Sin(i * 0.37)).ToArray();
                float[] batch = new float[Samples * network.OutputSize], one = new float[network.OutputSize];
                network.ForwardBatch(inputs, batch);
                for (int s = 0; s < Samples; s++)
                {
                    network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), one);
                    for (int o = 0; o < one.Length; o++)
                    {
                        float b = batch[(s * one.Length) + o];
                        Require(Math.Abs(b - one[o]) <= 1e-4f * Math.Max(1, Math.Abs(one[o])), $"ForwardBatch sample {s} output {o} is {b}, Forward gives {one[o]}");
                    }
                }

                float[] targets = new float[batch.Length];
                Require(float.IsFinite(network.Evaluate(inputs, targets)), "Evaluate's loss is not finite");
                break;
            }

            case INetwork<double> network:
            {
                double[] inputs = Enumerable.Range(0, Samples * network.InputSize).Select(i => Math.Sin(i * 0.37)).ToArray();
                double[] batch = new double[Samples * network.OutputSize], one = new double[network.OutputSize];
                network.ForwardBatch(inputs, batch);
                for (int s = 0; s < Samples; s++)
                {
                    network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), one);
                    Require(one.AsSpan().SequenceEqual(batch.AsSpan(s * one.Length, one.Length)), $"ForwardBatch sample {s} differs from Forward");
                }

                double[] targets = new double[batch.Length];
                Require(double.IsFinite(network.Evaluate(inputs, targets)), "Evaluate's loss is not finite");
                break;
            }
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
