using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNN.Benchmarks;

/// <summary>
/// What the results writer says about the machine: CPU model, cores, memory, OS (from /proc and
/// /etc), cache sizes (sysfs when it exists, else CPUID), and the core clock and peak FMA rate,
/// both measured here because a virtual machine shows only the nominal (TSC) frequency.
/// </summary>
public sealed class MachineInfo
{
    private MachineInfo()
    {
    }

    /// <summary>Gets the CPU model as /proc/cpuinfo names it.</summary>
    public string CpuModel { get; private init; } = "unknown";

    /// <summary>Gets the CPU family and model from /proc/cpuinfo, with AMD's name for family 26.</summary>
    public string Family { get; private init; } = "";

    /// <summary>Gets the number of logical processors.</summary>
    public int Cores { get; private init; }

    /// <summary>Gets the memory in bytes (MemTotal).</summary>
    public long MemoryBytes { get; private init; }

    /// <summary>Gets the operating system's PRETTY_NAME and kernel release.</summary>
    public string OperatingSystem { get; private init; } = "unknown";

    /// <summary>Gets the nominal clock in GHz (/proc/cpuinfo "cpu MHz", which is the TSC rate in a VM).</summary>
    public double NominalGHz { get; private init; }

    /// <summary>Gets the L1 data cache in bytes.</summary>
    public long L1DataBytes { get; private init; }

    /// <summary>Gets the L2 cache in bytes.</summary>
    public long L2Bytes { get; private init; }

    /// <summary>Gets where the cache sizes came from.</summary>
    public string CacheSource { get; private init; } = "";

    /// <summary>
    /// Gets the measured clock in GHz: the fastest of several timed chains of dependent one-cycle
    /// integer operations. On a shared VM an interruption can only make a sample slower (the
    /// hypervisor or another process takes the core, and the wall clock keeps running), never faster,
    /// so the fastest sample is the best estimate of the core's own clock.
    /// </summary>
    public double MeasuredGHz { get; private init; }

    /// <summary>Gets every clock measurement, in GHz.</summary>
    public IReadOnlyList<double> ClockSamples { get; private init; } = [];

    /// <summary>Gets the measured peak single-precision rate in FLOP per cycle (the fastest of 5 timings of 12 independent chains of 512-bit FMAs), or 0 without AVX-512.</summary>
    public double MeasuredFlopsPerCycle { get; private init; }

    /// <summary>Reads the machine's description and measures its clock and FMA rate (about 3 s).</summary>
    /// <returns>The description.</returns>
    public static MachineInfo Read()
    {
        string cpuinfo = ReadOrEmpty("/proc/cpuinfo");
        string model = Field(cpuinfo, "model name") ?? "unknown";
        string family = Field(cpuinfo, "cpu family") ?? "";
        string familyText = family.Length == 0 ? "" : $" (CPU family {family}, model {Field(cpuinfo, "model")}{(family == "26" && model.Contains("AMD", StringComparison.Ordinal) ? ": Zen 5" : "")}; the SKU is not shown)";
        int cores = cpuinfo.Split('\n').Count(line => line.StartsWith("processor", StringComparison.Ordinal));
        double.TryParse(Field(cpuinfo, "cpu MHz"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double mhz);
        string? memTotal = Field(ReadOrEmpty("/proc/meminfo"), "MemTotal");
        long memory = memTotal is null ? 0 : long.Parse(memTotal.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        string osRelease = ReadOrEmpty("/etc/os-release");
        string pretty = osRelease.Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? Environment.OSVersion.ToString();
        string kernel = ReadOrEmpty("/proc/sys/kernel/osrelease").Trim();
        (long l1, long l2, string source) = Caches(cpuinfo);

        var samples = new List<double>();
        for (int i = 0; i < 15; i++)
        {
            samples.Add(MeasureClockGHz());
        }

        double clock = samples.Max();
        var flops = new List<double>();
        if (Avx512F.IsSupported)
        {
            for (int i = 0; i < 5; i++)
            {
                flops.Add(MeasureFlopsPerSecond() / (clock * 1e9));
            }
        }

        return new MachineInfo
        {
            CpuModel = model,
            Family = familyText,
            Cores = cores == 0 ? Environment.ProcessorCount : cores,
            MemoryBytes = memory,
            OperatingSystem = kernel.Length > 0 ? $"{pretty}, Linux {kernel}" : pretty,
            NominalGHz = mhz / 1000,
            L1DataBytes = l1,
            L2Bytes = l2,
            CacheSource = source,
            MeasuredGHz = clock,
            ClockSamples = samples,
            MeasuredFlopsPerCycle = flops.Count == 0 ? 0 : flops.Max(),
        };
    }

    /// <summary>
    /// Cache sizes: /sys/devices/system/cpu/cpu0/cache/index*/ if the kernel has it; otherwise AMD's
    /// CPUID leaves 0x80000005 (L1d size in ECX[31:24] KB) and 0x80000006 (L2 size in ECX[31:16] KB),
    /// checked against /proc/cpuinfo's "cache size" (the L2 on AMD).
    /// </summary>
    private static (long L1, long L2, string Source) Caches(string cpuinfo)
    {
        long l1 = 0;
        long l2 = 0;
        const string Sys = "/sys/devices/system/cpu/cpu0/cache";
        if (Directory.Exists(Sys))
        {
            foreach (string index in Directory.GetDirectories(Sys, "index*"))
            {
                string level = ReadOrEmpty(Path.Combine(index, "level")).Trim();
                string type = ReadOrEmpty(Path.Combine(index, "type")).Trim();
                long size = ParseSize(ReadOrEmpty(Path.Combine(index, "size")).Trim());
                if (level == "1" && type == "Data")
                {
                    l1 = size;
                }
                else if (level == "2")
                {
                    l2 = size;
                }
            }

            if (l1 > 0 && l2 > 0)
            {
                return (l1, l2, $"{Sys}/index*/{{level,type,size}}");
            }
        }

        string cpuinfoCache = Field(cpuinfo, "cache size") ?? "none";
        if (X86Base.IsSupported)
        {
            (_, _, int ecx5, _) = X86Base.CpuId(unchecked((int)0x80000005), 0);
            (_, _, int ecx6, _) = X86Base.CpuId(unchecked((int)0x80000006), 0);
            l1 = (long)((uint)ecx5 >> 24) * 1024;
            l2 = (long)((uint)ecx6 >> 16) * 1024;
            return (l1, l2, $"CPUID leaves 0x80000005 (L1d) and 0x80000006 (L2), since this kernel has no {Sys}/ and lscpu lists no caches; /proc/cpuinfo's \"cache size\" ({cpuinfoCache}) agrees with the L2");
        }

        return (48 * 1024, 1024 * 1024, $"not readable; Zen 5's documented 48 KB L1d and 1 MB L2 assumed; /proc/cpuinfo \"cache size\": {cpuinfoCache}");
    }

    /// <summary>
    /// Times a chain of 16 dependent one-cycle integer operations (add, xor) per loop iteration: the
    /// chain's latency, one cycle per operation, sets the pace, so operations per second is the
    /// clock. The loop counter runs in parallel on other ALUs.
    /// </summary>
    private static double MeasureClockGHz()
    {
        const long Iterations = 10_000_000;
        Chain(1000, 3, 5);
        var watch = Stopwatch.StartNew();
        long result = Chain(Iterations, 3, 5);
        watch.Stop();
        GC.KeepAlive(result);
        return 16.0 * Iterations / watch.Elapsed.TotalSeconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Chain(long iterations, long a, long b)
    {
        long x = 0;
        for (long i = 0; i < iterations; i++)
        {
            x += a; x ^= b; x += a; x ^= b; x += a; x ^= b; x += a; x ^= b;
            x += a; x ^= b; x += a; x ^= b; x += a; x ^= b; x += a; x ^= b;
        }

        return x;
    }

    /// <summary>Times 12 independent chains of 512-bit single-precision FMAs (enough to cover the FMA latency on two pipes).</summary>
    private static double MeasureFlopsPerSecond()
    {
        const long Iterations = 10_000_000;
        Fma512(1000, Vector512.Create(0.999f), Vector512.Create(0.001f));
        var watch = Stopwatch.StartNew();
        float result = Fma512(Iterations, Vector512.Create(0.999f), Vector512.Create(0.001f));
        watch.Stop();
        GC.KeepAlive(result);
        return 12.0 * 16 * 2 * Iterations / watch.Elapsed.TotalSeconds;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Fma512(long iterations, Vector512<float> m, Vector512<float> c)
    {
        Vector512<float> a0 = c, a1 = c + c, a2 = c * c, a3 = c - m, a4 = m, a5 = m + m;
        Vector512<float> a6 = m * m, a7 = m - c, a8 = c * m, a9 = c * 3, a10 = m * 3, a11 = m * 5;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c); a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, c); a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, c); a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c); a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, c); a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
            a10 = Avx512F.FusedMultiplyAdd(a10, m, c); a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string? Field(string text, string name)
    {
        foreach (string line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == name)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static long ParseSize(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        long factor = text[^1] switch { 'K' => 1024, 'M' => 1024 * 1024, _ => 1 };
        return long.Parse(factor == 1 ? text : text[..^1], System.Globalization.CultureInfo.InvariantCulture) * factor;
    }
}
