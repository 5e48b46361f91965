using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace StaticNN.Benchmarks;

/// <summary>
/// <c>--write-results</c>: reads the JSON reports BenchmarkDotNet exported for the peer and
/// training benchmarks and rewrites the part of bench/RESULTS.md between
/// <c>&lt;!-- results:begin --&gt;</c> and <c>&lt;!-- results:end --&gt;</c>: machine, versions, one
/// table per scenario (median and allocated bytes per contender, StaticNN ÷ best peer, StaticNN ÷
/// roofline), samples per second, training on one and two cores, the issue's targets and the roofline's inputs.
/// </summary>
public static class ResultsWriter
{
    public const string Begin = "<!-- results:begin -->";
    public const string End = "<!-- results:end -->";

    private const string Forward = "ForwardPeerBenchmarks";
    private const string Training = "TrainingPeerBenchmarks";
    private const string TwoCore = "TwoCoreTrainingBenchmarks";

    private static readonly string[] Contenders = ["StaticNN", "TensorPrimitives MLP", "TorchSharp", "ONNX Runtime Run", "ONNX Runtime IOBinding"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One benchmark's result.</summary>
    private sealed record Measurement(string Type, string Method, IReadOnlyDictionary<string, string> Parameters, double MedianNs, double Q1Ns, double Q3Ns, int N, long? Allocated, string Job)
    {
        public string Scenario => Parameters.GetValueOrDefault("Scenario", "");

        public int Batch => int.Parse(Parameters.GetValueOrDefault("Batch", "0"), Invariant);
    }

    /// <summary>Runs the writer with its command-line options.</summary>
    /// <param name="args">The arguments after <c>--write-results</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        string artifacts = Option(args, "--artifacts") ?? "BenchmarkDotNet.Artifacts";
        string results = Option(args, "--results") ?? Path.Combine("bench", "RESULTS.md");
        string command = Option(args, "--command") ?? "bench/run-all.sh";
        string seconds = Option(args, "--seconds") ?? "";
        string commit = Option(args, "--commit") ?? "unknown";

        string folder = Path.Combine(artifacts, "results");
        string[] reports = Directory.Exists(folder) ? Directory.GetFiles(folder, "*-report-full*.json") : [];
        if (reports.Length == 0)
        {
            Console.Error.WriteLine($"No BenchmarkDotNet JSON report in {folder}; run bench/run-all.sh (it exports them).");
            return 1;
        }

        (List<Measurement> measurements, JsonElement host) = Load(reports);
        string checks = Checks(artifacts);
        Console.WriteLine($"Read {measurements.Count} results from {reports.Length} report(s); measuring the clock and FMA rate…");
        MachineInfo machine = MachineInfo.Read();
        string section = Render(measurements, host, machine, command, seconds, commit, checks);

        string text = File.ReadAllText(results);
        int begin = text.IndexOf(Begin, StringComparison.Ordinal);
        int end = text.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            Console.Error.WriteLine($"{results} has no '{Begin}' … '{End}' markers.");
            return 1;
        }

        File.WriteAllText(results, text[..(begin + Begin.Length)] + "\n" + section + text[end..]);
        Console.WriteLine($"Wrote the results section of {results}.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static (List<Measurement>, JsonElement) Load(string[] reports)
    {
        var measurements = new List<Measurement>();
        JsonElement host = default;
        foreach (string report in reports.Order(StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(report));
            host = document.RootElement.GetProperty("HostEnvironmentInfo").Clone();
            foreach (JsonElement benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!benchmark.TryGetProperty("Statistics", out JsonElement statistics) || statistics.ValueKind != JsonValueKind.Object)
                {
                    continue; // The benchmark failed (e.g. its setup's agreement check threw).
                }

                var parameters = new Dictionary<string, string>();
                foreach (string pair in (benchmark.GetProperty("Parameters").GetString() ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    string[] parts = pair.Split('=', 2);
                    parameters[parts[0]] = parts.Length > 1 ? parts[1] : "";
                }

                long? allocated = benchmark.TryGetProperty("Memory", out JsonElement memory) && memory.ValueKind == JsonValueKind.Object
                    ? memory.GetProperty("BytesAllocatedPerOperation").GetInt64()
                    : null;
                string display = benchmark.GetProperty("DisplayInfo").GetString() ?? "";
                int open = display.IndexOf('(', StringComparison.Ordinal);
                int close = display.IndexOf(')', StringComparison.Ordinal);
                measurements.Add(new Measurement(
                    benchmark.GetProperty("Type").GetString() ?? "",
                    (benchmark.GetProperty("MethodTitle").GetString() ?? "").Trim('\''),
                    parameters,
                    statistics.GetProperty("Median").GetDouble(),
                    statistics.GetProperty("Q1").GetDouble(),
                    statistics.GetProperty("Q3").GetDouble(),
                    statistics.GetProperty("N").GetInt32(),
                    allocated,
                    open >= 0 && close > open ? display[(open + 1)..close] : ""));
            }
        }

        return (measurements, host);
    }

    /// <summary>
    /// What the benchmark processes printed about their checks, from BenchmarkDotNet's newest log:
    /// the agreement lines (every contender within 1e-4 of StaticNN, or setup throws) and which copy
    /// of libLibTorchSharp.so each process patched.
    /// </summary>
    private static string Checks(string artifacts)
    {
        string? log = Directory.Exists(artifacts)
            ? Directory.GetFiles(artifacts, "*.log").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        if (log is null)
        {
            return "- **Checks**: no BenchmarkDotNet log found, so the processes' agreement and patch lines are not summarised here.";
        }

        string[] lines = File.ReadAllLines(log);
        const string AgreementPrefix = "// Agreement: ";
        const string NativePrefix = "// TorchSharp native library: ";
        string[] agreements = lines.Where(l => l.StartsWith(AgreementPrefix, StringComparison.Ordinal)).ToArray();
        double largest = 0;
        foreach (string line in agreements)
        {
            int at = line.IndexOf("from StaticNN ", StringComparison.Ordinal);
            if (at >= 0 && double.TryParse(line[(at + "from StaticNN ".Length)..].Split(' ')[0], NumberStyles.Float, Invariant, out double value))
            {
                largest = Math.Max(largest, value);
            }
        }

        string[] native = lines.Where(l => l.StartsWith(NativePrefix, StringComparison.Ordinal)).Select(l => l[NativePrefix.Length..]).ToArray();
        string patches = string.Join("; ", native
            .GroupBy(l => l[(l.LastIndexOf(", patch: ", StringComparison.Ordinal) + ", patch: ".Length)..])
            .Select(g => $"{g.Key} {g.Count()}×"));
        string folders = string.Join(", ", native
            .Select(l => l[..l.LastIndexOf(", patch: ", StringComparison.Ordinal)])
            .Select(path => path.Contains("/bench/", StringComparison.Ordinal) ? "…/bench/" + path[(path.IndexOf("/bench/", StringComparison.Ordinal) + "/bench/".Length)..] : path)
            .Distinct()
            .Select(path => $"`{path}`"));
        return $"- **Checks** (from the benchmark processes' own output, in `{Path.GetFileName(log)}`): {agreements.Length} agreement lines, every contender within 1e-4 of StaticNN, the largest difference {largest:0.##E+0} (outputs; for training, losses and parameters after one step). TorchSharp's `libLibTorchSharp.so` was patched (GLIBCXX_3.4.32 marked weak) by the module initializer in each process, in that process's own build folder: {patches} (the first process patches the copy, the later ones find it done; {folders}); the TorchSharp rows above are the proof that it loads.";
    }

    private static string Render(List<Measurement> all, JsonElement host, MachineInfo machine, string command, string seconds, string commit, string checks)
    {
        var md = new StringBuilder();
        string date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);
        string duration = double.TryParse(seconds, Invariant, out double s) ? $"{(int)(s / 60)} min {(int)(s % 60)} s" : "not recorded";
        string job = all.Select(m => m.Job).FirstOrDefault(j => j.Length > 0) ?? "";

        md.AppendLine("## StaticNN against its peers (the performance issue's table)");
        md.AppendLine();
        md.AppendLine($"<!-- Written by bench/run-all.sh (ResultsWriter.cs); edits between the markers are overwritten. -->");
        md.AppendLine($"Measured {date} by `{command}`; the script took **{duration}** of wall time up to this write-up (build and every benchmark; writing adds a few seconds).");
        md.AppendLine();
        md.AppendLine($"- **Machine**: {machine.CpuModel}{machine.Family}, {machine.Cores} cores, {machine.MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB; {machine.OperatingSystem}.");
        md.AppendLine($"- **Clock**: {machine.NominalGHz:F2} GHz nominal (/proc/cpuinfo, the TSC rate); **{machine.MeasuredGHz:F2} GHz measured** (the fastest of {machine.ClockSamples.Count} runs, which ranged {machine.ClockSamples.Min():F2}–{machine.ClockSamples.Max():F2} GHz; see the roofline below). Caches: L1d {machine.L1DataBytes / 1024} KB, L2 {machine.L2Bytes / 1024} KB per core.");
        md.AppendLine($"- **Software**: {Str(host, "RuntimeVersion")}, SDK {Str(host, "DotNetCliVersion")}, RyuJIT {Str(host, "Architecture")} ({Intrinsics()}); BenchmarkDotNet {Str(host, "BenchmarkDotNetVersion")}; TorchSharp {Version(typeof(global::TorchSharp.torch))} (TorchSharp-cpu, libtorch {LibTorchVersion()}); ONNX Runtime {OnnxVersion()}; System.Numerics.Tensors {Version(typeof(TensorPrimitives))}.");
        md.AppendLine($"- **StaticNN**: commit {commit}.");
        md.AppendLine($"- **Job**: {job}; one process per benchmark; MemoryDiagnoser (managed bytes only: TorchSharp's and ONNX Runtime's native allocations are not counted).");
        md.AppendLine(checks);
        md.AppendLine("- **Noise**: a shared 2-core virtual machine; other work ran beside these benchmarks. Read ratios and orders of magnitude; the last digit moves from run to run (the interquartile ranges are in the last table).");
        md.AppendLine();
        md.AppendLine("Contenders, all float32, one thread, identical weights and inputs: **StaticNN** (the generated class, through `INetwork<float>`: `ForwardBatch`, `TrainBatch`); a **TensorPrimitives MLP** (`TensorPrimitivesMlp.cs`: one `TensorPrimitives.Dot` per output row, preallocated buffers, and a hand-written backward pass and SGD step); **TorchSharp** (`TorchSharpModel.cs`: the `Linear` modules of an `nn.Sequential`, input tensor made once; inference under `no_grad`, each `Linear` in turn with ReLU in place (+ softmax for C), intermediates disposed at once, output copied to a managed array through `Tensor.bytes` — the fastest of the paths tried; training: `zero_grad`, `forward`, `mse_loss`/`cross_entropy` on probability targets, `backward`, `optim.SGD.step`, in a `DisposeScope`); **ONNX Runtime** (inference only, the model `OnnxExport` writes; `Run` makes OrtValues per call, IOBinding binds preallocated buffers once). Before timing, every benchmark process checks that all contenders agree with StaticNN within 1e-4 (outputs; for training, the loss and every parameter after one SGD step with learning rate 0.01, after which the start parameters are put back), and throws otherwise.");
        md.AppendLine();
        md.AppendLine("Each cell: median time per call, managed bytes allocated per call, and (for peers) the peer's time ÷ StaticNN's (above 1: StaticNN is faster). **÷ best peer** = StaticNN's time ÷ the fastest other contender's (below 1: StaticNN wins). **÷ roofline** = StaticNN's time ÷ the bound computed below (1 would be perfect; the target is ≤ 2).");
        md.AppendLine();

        var rows = new List<(string Label, string Type, int Batch, bool Training)>();
        foreach (int batch in all.Where(m => m.Type == Forward).Select(m => m.Batch).Distinct().Order())
        {
            rows.Add(($"forward, batch {batch}", Forward, batch, false));
        }

        foreach (int batch in all.Where(m => m.Type == Training).Select(m => m.Batch).Distinct().Order())
        {
            rows.Add(($"training step (SGD), batch {batch}", Training, batch, true));
        }

        var targets = new List<string>();
        foreach (string scenario in Scenarios.Names)
        {
            INetwork<float> network = Scenarios.Create(scenario);
            md.AppendLine($"### Scenario {scenario}: {Describe(network)}");
            md.AppendLine();
            md.AppendLine("| Operation | " + string.Join(" | ", Contenders) + " | ÷ best peer | ÷ roofline (bound) | StaticNN samples/s |");
            md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", Contenders.Length)) + "---:|---:|---:|");
            foreach ((string label, string type, int batch, bool training) in rows)
            {
                Dictionary<string, Measurement> cells = all.Where(m => m.Type == type && m.Scenario == scenario && m.Batch == batch)
                    .GroupBy(m => m.Method).ToDictionary(g => g.Key, g => g.First());
                if (cells.Count == 0)
                {
                    continue;
                }

                Measurement? mine = cells.GetValueOrDefault("StaticNN");
                var line = new StringBuilder($"| {label} |");
                foreach (string contender in Contenders)
                {
                    if (!cells.TryGetValue(contender, out Measurement? m))
                    {
                        line.Append(training && contender.StartsWith("ONNX", StringComparison.Ordinal) ? " inference only |" : " — |");
                        continue;
                    }

                    string factor = mine is not null && contender != "StaticNN" ? $" ({m.MedianNs / mine.MedianNs:0.0#}×)" : "";
                    line.Append($" {Time(m.MedianNs)}, {Bytes(m.Allocated)}{factor} |");
                }

                Measurement? best = cells.Values.Where(m => m.Method != "StaticNN").MinBy(m => m.MedianNs);
                Roofline.Bound bound = Roofline.For(network, batch, training, machine);
                if (mine is null)
                {
                    line.Append(" — | — | — |");
                }
                else
                {
                    line.Append(best is null ? " — |" : $" {mine.MedianNs / best.MedianNs:0.00} ({best.Method}) |");
                    line.Append($" {mine.MedianNs / bound.Ns:0.0}× ({Time(bound.Ns)}, {bound.Limit}) |");
                    line.Append($" {Rate(batch / (mine.MedianNs * 1e-9))} |");
                    targets.AddRange(Targets(scenario, label, batch, training, mine, cells, bound));
                }

                md.AppendLine(line.ToString());
            }

            md.AppendLine();
        }

        RenderThroughput(md, all);
        RenderTwoCores(md, all);
        md.AppendLine("### Against the issue's targets");
        md.AppendLine();
        md.AppendLine("The targets are the kernel work's, not this harness's; this is where the measurement above stands.");
        md.AppendLine();
        md.AppendLine("| Target | Scenario, operation | Measured | Met |");
        md.AppendLine("|---|---|---|:---:|");
        foreach (string target in targets)
        {
            md.AppendLine(target);
        }

        md.AppendLine();
        RenderRoofline(md, machine);
        RenderAll(md, all);
        return md.ToString();
    }

    private static IEnumerable<string> Targets(string scenario, string label, int batch, bool training, Measurement mine, Dictionary<string, Measurement> cells, Roofline.Bound bound)
    {
        Measurement? best = cells.Values.Where(m => m.Method != "StaticNN").MinBy(m => m.MedianNs);
        if (best is not null)
        {
            yield return $"| faster than every peer | {scenario}, {label} | fastest peer ({best.Method}) ÷ StaticNN = {best.MedianNs / mine.MedianNs:0.00} | {Mark(mine.MedianNs < best.MedianNs)} |";
        }

        if (!training && batch == 1 && scenario is "A" or "B")
        {
            Measurement? onnx = cells.Values.Where(m => m.Method.StartsWith("ONNX", StringComparison.Ordinal)).MinBy(m => m.MedianNs);
            if (onnx is not null)
            {
                double factor = onnx.MedianNs / mine.MedianNs;
                yield return $"| ≥ 10× faster than ONNX Runtime's fastest path | {scenario}, {label} | {onnx.Method} ÷ StaticNN = {factor:0.0} | {Mark(factor >= 10)} |";
            }

            if (cells.TryGetValue("TorchSharp", out Measurement? torch))
            {
                double factor = torch.MedianNs / mine.MedianNs;
                yield return $"| ≥ 30× faster than TorchSharp | {scenario}, {label} | TorchSharp ÷ StaticNN = {factor:0.0} | {Mark(factor >= 30)} |";
            }
        }

        double roofline = mine.MedianNs / bound.Ns;
        yield return $"| within 2× of the roofline | {scenario}, {label} | StaticNN ÷ bound = {roofline:0.0} ({Time(mine.MedianNs)} vs {Time(bound.Ns)}) | {Mark(roofline <= 2)} |";
        yield return $"| 0 B allocated | {scenario}, {label} | {Bytes(mine.Allocated)} | {Mark(mine.Allocated == 0)} |";
    }

    private static void RenderThroughput(StringBuilder md, List<Measurement> all)
    {
        int batch = all.Where(m => m.Type == Forward).Select(m => m.Batch).DefaultIfEmpty(0).Max();
        if (batch <= 1)
        {
            return;
        }

        md.AppendLine($"### Forward, batch {batch}: samples per second (from the median)");
        md.AppendLine();
        md.AppendLine("| Scenario | " + string.Join(" | ", Contenders) + " |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", Contenders.Length)));
        foreach (string scenario in Scenarios.Names)
        {
            var line = new StringBuilder($"| {scenario} |");
            foreach (string contender in Contenders)
            {
                Measurement? m = all.FirstOrDefault(x => x.Type == Forward && x.Scenario == scenario && x.Batch == batch && x.Method == contender);
                line.Append(m is null ? " — |" : $" {Rate(batch / (m.MedianNs * 1e-9))} |");
            }

            md.AppendLine(line.ToString());
        }

        md.AppendLine();
    }

    private static void RenderTwoCores(StringBuilder md, List<Measurement> all)
    {
        List<Measurement> runs = all.Where(m => m.Type == TwoCore && m.Method == "StaticNN").ToList();
        if (runs.Count == 0)
        {
            return;
        }

        md.AppendLine("### Training on 1 and 2 cores (StaticNN, SGD step)");
        md.AppendLine();
        md.AppendLine("`TwoCoreTrainingBenchmarks.cs`: 1 core is `TrainBatch`; 2 cores is `ParallelBackward<float>.TrainBatch` (the batch cut into one part per thread, each on a worker that shares the parameters, gradients added in part order, so the result is the same on every run and equals 1 core's up to float summation order). The target is a speed-up of at least 1.7×; this machine's two cores are shared with other work, which the speed-up feels first.");
        md.AppendLine();
        md.AppendLine("| Scenario | Batch | 1 core | 2 cores | Speed-up |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var group in runs.GroupBy(m => (m.Scenario, m.Batch)).OrderBy(g => g.Key.Scenario).ThenBy(g => g.Key.Batch))
        {
            Measurement? one = group.FirstOrDefault(m => m.Parameters.GetValueOrDefault("Cores") == "1");
            Measurement? two = group.FirstOrDefault(m => m.Parameters.GetValueOrDefault("Cores") == "2");
            string speedup = one is not null && two is not null ? $"{one.MedianNs / two.MedianNs:0.00}×" : "—";
            md.AppendLine($"| {group.Key.Scenario} | {group.Key.Batch} | {(one is null ? "—" : $"{Time(one.MedianNs)}, {Bytes(one.Allocated)}")} | {(two is null ? "not measured" : $"{Time(two.MedianNs)}, {Bytes(two.Allocated)}")} | {speedup} |");
        }

        md.AppendLine();
    }

    private static void RenderRoofline(StringBuilder md, MachineInfo machine)
    {
        md.AppendLine("### The roofline");
        md.AppendLine();
        md.AppendLine($"Bound = max(FLOPs ÷ peak, weight bytes ÷ bandwidth of the cache they fit in), per call (`Roofline.cs`).");
        md.AppendLine();
        md.AppendLine($"- **Clock: {machine.MeasuredGHz:F2} GHz, measured**, not the nominal {machine.NominalGHz:F2} GHz. This is a Firecracker VM: `lscpu` shows no MHz range and there is no `/sys/devices/system/cpu/cpu0/cpufreq`; `/proc/cpuinfo`'s \"cpu MHz\" is the TSC rate ({machine.NominalGHz:F3} GHz), which the core exceeds when it boosts. The writer times a chain of dependent one-cycle integer operations (add/xor, 16 per loop iteration; each waits for the previous, so operations per second = cycles per second) {machine.ClockSamples.Count} times and takes the fastest (samples {string.Join(", ", machine.ClockSamples.Select(c => c.ToString("F2", Invariant)))} GHz): on a shared VM an interruption only makes a sample slower, never faster. The benchmarks run at that boosted clock, so the nominal clock would make the bound about {machine.MeasuredGHz / machine.NominalGHz:F1}× too lax.");
        md.AppendLine($"- **Peak: {Roofline.FlopsPerCycle:F0} FLOP/cycle** = 2 FMA pipes × 16 float lanes (AVX-512, full-width on Zen 5) × 2, i.e. {Roofline.FlopsPerCycle * machine.MeasuredGHz:F0} GFLOP/s at the measured clock. Checked here: 12 independent chains of 512-bit FMAs ran at {machine.MeasuredFlopsPerCycle:F1} FLOP per measured cycle (fastest of 5). (.NET's `Vector<float>` is 256 bits wide on this machine, `VectorSize=256`: code written with `Vector<T>` can reach half the peak unless it uses `Vector512` explicitly.)");
        md.AppendLine($"- **Caches: L1d {machine.L1DataBytes / 1024} KB, L2 {machine.L2Bytes / 1024} KB** per core, from {machine.CacheSource}.");
        md.AppendLine($"- **Bandwidths (assumed, from AMD's published Zen 5 figures, not measured here)**: L1 {Roofline.L1BytesPerCycle:F0} B/cycle (two 512-bit loads per cycle), L2 → L1 {Roofline.L2BytesPerCycle:F0} B/cycle, L3 → L2 {Roofline.L3BytesPerCycle:F0} B/cycle.");
        md.AppendLine("- **FLOPs**: forward 2 × multiply-adds × batch (one multiply-add per weight and sample); training step 3× that (forward, δ propagation Wᵀδ, gradient δ·aᵀ). Biases, activations, loss and update are left out.");
        md.AppendLine("- **Bytes**: the weights and biases once per forward call, whatever the batch (an ideal kernel reuses each loaded weight across samples); three times per training step (read forward, read backward, gradient/update). Inputs and activations are left out. Both omissions lower the bound, so the ratio is never flattered.");
        md.AppendLine();
        md.AppendLine("| Scenario | Parameters | Weight bytes | Fits in | Multiply-adds / sample | Forward b1 | Forward b64 | Train b32 |");
        md.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|");
        foreach (string scenario in Scenarios.Names)
        {
            INetwork<float> network = Scenarios.Create(scenario);
            Roofline.Bound b1 = Roofline.For(network, 1, false, machine);
            Roofline.Bound b64 = Roofline.For(network, 64, false, machine);
            Roofline.Bound t32 = Roofline.For(network, 32, true, machine);
            md.AppendLine($"| {scenario} | {network.ParameterCount:N0} | {4 * network.ParameterCount:N0} | {b1.Cache} | {Roofline.MultiplyAdds(network):N0} | {Explain(b1)} | {Explain(b64)} | {Explain(t32)} |");
        }

        md.AppendLine();
        md.AppendLine("Each bound cell: the bound (compute time / memory time).");
        md.AppendLine();
    }

    private static void RenderAll(StringBuilder md, List<Measurement> all)
    {
        md.AppendLine("### All measurements");
        md.AppendLine();
        md.AppendLine("| Class | Method | Parameters | Median | Q1 – Q3 | N | Allocated |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (Measurement m in all.OrderBy(m => m.Type, StringComparer.Ordinal).ThenBy(m => m.Scenario, StringComparer.Ordinal).ThenBy(m => m.Batch).ThenBy(m => Array.IndexOf(Contenders, m.Method)))
        {
            string parameters = string.Join(", ", m.Parameters.Select(p => $"{p.Key}={p.Value}"));
            md.AppendLine($"| {m.Type} | {m.Method} | {parameters} | {Time(m.MedianNs)} | {Time(m.Q1Ns)} – {Time(m.Q3Ns)} | {m.N} | {Bytes(m.Allocated)} |");
        }

        md.AppendLine();
    }

    private static string Explain(Roofline.Bound bound) => $"{Time(bound.Ns)} ({Time(bound.ComputeNs)} / {Time(bound.MemoryNs)})";

    private static string Describe(INetwork<float> network)
    {
        var text = new StringBuilder(network.InputSize.ToString(Invariant));
        foreach (DenseLayer layer in network.Layers)
        {
            text.Append($" → {layer.Outputs}");
            if (layer.Activation != Activation.Linear)
            {
                text.Append($" {layer.Activation}");
            }
        }

        string loss = network.Loss == Loss.CrossEntropy ? "CrossEntropy; forward returns softmax probabilities" : network.Loss.ToString().ToUpperInvariant();
        return $"{text} ({loss}), {network.ParameterCount:N0} parameters ({4 * network.ParameterCount / 1000.0:0.#} KB)";
    }

    private static string Mark(bool met) => met ? "yes" : "**no**";

    private static string Time(double ns) => ns switch
    {
        < 1e3 => $"{ns:0} ns",
        < 1e4 => $"{ns / 1e3:0.00} µs",
        < 1e5 => $"{ns / 1e3:0.0} µs",
        < 1e6 => $"{ns / 1e3:0} µs",
        < 1e7 => $"{ns / 1e6:0.00} ms",
        _ => $"{ns / 1e6:0.0} ms",
    };

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => $"{perSecond / 1e6:0.00} M/s",
        >= 1e3 => $"{perSecond / 1e3:0.0} k/s",
        _ => $"{perSecond:0} /s",
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "? B",
        < 1024 => $"{bytes} B",
        _ => $"{bytes / 1024.0:0.0} KB",
    };

    private static string Str(JsonElement host, string name) =>
        host.ValueKind == JsonValueKind.Object && host.TryGetProperty(name, out JsonElement value) ? value.ToString() : "?";

    private static string Intrinsics()
    {
        return $"AVX-512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "on" : "off")}, Vector<float>.Count = {System.Numerics.Vector<float>.Count}";
    }

    private static string Version(Type type)
    {
        string? version = type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        version ??= type.Assembly.GetName().Version?.ToString() ?? "?";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }

    private static string LibTorchVersion()
    {
        try
        {
            TorchSharpModel.ConfigureThreads();
            return global::TorchSharp.torch.__version__;
        }
        catch (Exception exception) when (exception is TypeInitializationException or DllNotFoundException or InvalidOperationException)
        {
            return "? (" + exception.GetType().Name + ")";
        }
    }

    private static string OnnxVersion()
    {
        try
        {
            return OrtEnv.Instance().GetVersionString();
        }
        catch (Exception exception) when (exception is TypeInitializationException or DllNotFoundException or OnnxRuntimeException)
        {
            return "? (" + exception.GetType().Name + ")";
        }
    }
}
