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
    public static (int ExitCode, string Output) Execute(string workingDirectory, IEnumerable<string> arguments)
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

        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
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
