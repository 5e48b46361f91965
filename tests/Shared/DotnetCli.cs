using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;

namespace StaticNN.TestSupport;

/// <summary>
/// Runs the <c>dotnet</c> command line from a test, the way a user would, for the tests that build
/// real projects (the package, the build step). Linked into each test project that needs it.
/// </summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its exit code and its output (standard output, then standard error).</summary>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to set for it, if any.</param>
    /// <param name="timeout">How long it may run before it is killed and the test fails; unlimited when null.</param>
    public static (int ExitCode, string Output) Execute(string workingDirectory, IEnumerable<string> arguments, IEnumerable<(string Name, string Value)>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No build server may outlive the test, and the parent test run's MSBuild settings must not leak in.
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        foreach ((string name, string value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? System.Threading.Timeout.InfiniteTimeSpan))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Runs <c>dotnet</c> and asserts it succeeded; returns its output.</summary>
    public static string Run(string workingDirectory, params string[] arguments)
    {
        (int exitCode, string output) = Execute(workingDirectory, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary>The repository root: the first folder above the calling source file that holds staticnn.sln.</summary>
    public static string RepositoryRoot([CallerFilePath] string path = "")
    {
        for (string? folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "staticnn.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of staticnn.sln) was not found from " + path);
    }
}
