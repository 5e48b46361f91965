using System;
using System.IO;
using System.Linq;

using StaticNN.TestSupport;

namespace StaticNN.Interop.Tests;

/// <summary>
/// Proves the NuGet package works as a user meets it: <c>dotnet pack</c> the runtime (which carries
/// the generator, analyzers and code fixes), restore it from a local folder feed into a fresh
/// project (tests/PackageConsumer, copied to a temporary folder), build and run it, and see an
/// analyzer from the package stop a build with a shape error.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnn-package-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temporary folder is then left to the OS.
        }
    }

    [Fact]
    public void The_package_restores_from_a_folder_feed_builds_runs_and_reports_shape_errors()
    {
        string root = DotnetCli.RepositoryRoot();
        string feed = Path.Combine(_folder, "feed");
        string consumer = Path.Combine(_folder, "consumer");
        string version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";

        DotnetCli.Run(root, "pack", Path.Combine(root, "src", "Runtime", "StaticNN.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo");
        string package = Path.Combine(feed, $"StaticNN.{version}.nupkg");
        Assert.True(File.Exists(package), $"dotnet pack did not write {package}");
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            string[] entries = Array.ConvertAll([.. zip.Entries], e => e.FullName);
            Assert.Contains("lib/net10.0/StaticNN.dll", entries);
            Assert.Contains("lib/net10.0/StaticNN.xml", entries);
            Assert.Contains("analyzers/dotnet/cs/StaticNN.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/StaticNN.CodeFixes.dll", entries);
            Assert.Contains("README.md", entries);
        }

        Directory.CreateDirectory(consumer);
        foreach (string file in Directory.GetFiles(Path.Combine(root, "tests", "PackageConsumer")))
        {
            File.Copy(file, Path.Combine(consumer, Path.GetFileName(file)));
        }

        // Only the local feed: the package cannot come from anywhere else.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        string packages = Path.Combine(_folder, "packages");
        string[] properties = [$"-p:StaticNNVersion={version}", $"-p:RestorePackagesPath={packages}", "-nologo"];

        string output = DotnetCli.Run(consumer, ["run", "--project", Path.Combine(consumer, "PackageConsumer.csproj"), .. properties]);
        Assert.Contains("parameters 42, epochs 300, accuracy 1.00", output, StringComparison.Ordinal);
        Assert.Contains("0 xor 1 -> 1", output, StringComparison.Ordinal);
        Assert.Contains("1 xor 1 -> 0", output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(packages, "staticnn", version)), "StaticNN was not restored from the folder feed");

        // Weights compiled in through the package: the run above saved xor.safetensors; a network
        // declared with Weights = "xor.safetensors" must predict exactly what the trained one did.
        string[] trainedProbabilities = ProbabilityLines(output);
        Assert.Equal(4, trainedProbabilities.Length);
        File.WriteAllText(Path.Combine(consumer, "Embedded.cs"), """
            using StaticNN;

            [Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, Weights = "xor.safetensors")]
            [Dense(2, 8, Activation.Tanh)]
            [Dense(8, 2)]
            public partial class EmbeddedXorModel
            {
            }
            """);
        string embeddedOutput = DotnetCli.Run(consumer, ["run", "--project", Path.Combine(consumer, "PackageConsumer.csproj"), .. properties, "--", "embedded"]);
        Assert.Equal(trainedProbabilities, ProbabilityLines(embeddedOutput));

        // A damaged weights file is a compile-time error at the attribute, like a shape error.
        byte[] weights = File.ReadAllBytes(Path.Combine(consumer, "xor.safetensors"));
        File.WriteAllBytes(Path.Combine(consumer, "xor.safetensors"), weights[..^4]);
        File.WriteAllText(Path.Combine(consumer, "Broken.cs"), """
            [StaticNN.Dense(2, 8, StaticNN.Activation.Tanh)]
            [StaticNN.Dense(7, 2)]
            public partial class BrokenModel { }
            """);
        (int exitCode, string buildOutput) = DotnetCli.Execute(consumer, ["build", Path.Combine(consumer, "PackageConsumer.csproj"), .. properties]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("error SNN0006: Layer 2 expects 7 inputs but layer 1 produces 8", buildOutput, StringComparison.Ordinal);
        Assert.Contains("Embedded.cs(3,57): error SNN0025: The weights file 'xor.safetensors' is not a valid safetensors file: tensor '2.bias' has data_offsets", buildOutput, StringComparison.Ordinal);
    }

    private static string[] ProbabilityLines(string output) =>
        output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("p(", StringComparison.Ordinal)).ToArray();
}
