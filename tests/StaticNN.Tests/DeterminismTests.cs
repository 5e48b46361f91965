using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace StaticNN.Tests;

/// <summary>
/// Same seed, same data, same machine → the same parameters, bit for bit: a fixed training run
/// (tests/StaticNN.Determinism: Adam, shuffled batches, validation) in fresh processes, under the
/// runtime settings that change how the code is compiled but not what it computes, gives one
/// SHA-256 of the trained parameters. Settings that change the arithmetic (two threads, no AVX-512)
/// are each repeatable too, and the 256-bit path gives the same bits with AVX-512 on or off.
/// </summary>
public sealed class DeterminismTests(ITestOutputHelper output)
{
    [Fact]
    public void A_training_run_gives_the_same_bits_in_every_process_and_under_every_JIT_setting()
    {
        string first = Fingerprint(1);
        string second = Fingerprint(1);
        string fullyOptimized = Fingerprint(1, ("DOTNET_TieredCompilation", "0"));
        string noPgo = Fingerprint(1, ("DOTNET_TieredPGO", "0"), ("DOTNET_ReadyToRun", "0"));
        string quickJitOnly = Fingerprint(1, ("DOTNET_TC_QuickJitForLoops", "1"), ("DOTNET_OSR_HitLimit", "0"), ("DOTNET_TieredPGO", "0"));

        Assert.Equal(first, second);
        Assert.Equal(first, fullyOptimized);
        Assert.Equal(first, noPgo);
        Assert.Equal(first, quickJitOnly);
        Assert.Matches("^fingerprint [0-9a-f]{64} outputs [0-9a-f]{64} loss [0-9a-f]{8} threads 1 ", first);
    }

    [Fact]
    public void Two_threads_repeat_themselves_and_so_does_a_machine_without_AVX512()
    {
        string twoThreads = Fingerprint(2);
        Assert.Equal(twoThreads, Fingerprint(2));

        // The 256-bit kernels (what an x64 machine without AVX-512 runs) give one fingerprint, whether
        // AVX-512 is switched off or only 512-bit vectors are: the setting the README recommends for
        // the same bits on different x64 machines. Each run must really be without 512-bit vectors.
        string noAvx512 = Fingerprint(1, ("DOTNET_EnableAVX512", "0"));
        Assert.Equal(noAvx512, Fingerprint(1, ("DOTNET_PreferredVectorBitWidth", "256")));
        Assert.Equal(noAvx512, Fingerprint(1, ("DOTNET_EnableAVX512", "0")));
        Assert.Contains(" vector512 False ", noAvx512, StringComparison.Ordinal);
    }

    /// <summary>Runs the fixed training in a new process and returns its fingerprint line's hash.</summary>
    private string Fingerprint(int threads, params (string Name, string Value)[] environment)
    {
        (int exitCode, string text) = TestSupport.DotnetCli.Execute(
            AppContext.BaseDirectory,
            [ProbePath(), threads.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            environment,
            TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"the probe exited with {exitCode}:\n{text}");

        // The whole line: the parameters' hash, the hash of ForwardBatch's outputs, the validation loss's bits, the machine.
        string line = text.Split('\n').Single(l => l.StartsWith("fingerprint ", StringComparison.Ordinal)).Trim();
        output.WriteLine($"{line}  [{string.Join(" ", environment.Select(e => $"{e.Name}={e.Value}"))}]");
        return line + " ";
    }

    /// <summary>The probe's build output, in the configuration these tests were built in.</summary>
    private static string ProbePath()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string path = Path.Combine(TestSupport.DotnetCli.RepositoryRoot(), "tests", "StaticNN.Determinism", "bin", configuration, "net10.0", "StaticNN.Determinism.dll");
        Assert.True(File.Exists(path), $"{path} is missing: it is built with the tests (ProjectReference)");
        return path;
    }
}
