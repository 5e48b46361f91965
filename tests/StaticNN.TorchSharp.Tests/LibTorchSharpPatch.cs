using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNN.TorchSharp.Tests;

/// <summary>
/// Makes TorchSharp 0.107.0's native library loadable on a system whose libstdc++ is older than
/// the one it was built against (see README.md): before any TorchSharp type is touched, the copy
/// of <c>libLibTorchSharp.so</c> in this test's output folder gets its GLIBCXX_3.4.32 requirement
/// marked weak. The package cache is never touched.
/// </summary>
public static class LibTorchSharpPatch
{
    /// <summary>The only version requirement the system lacks; its one symbol, <c>std::ios_base_library_init()</c>, is never called.</summary>
    public const string Version = "GLIBCXX_3.4.32";

    /// <summary>The patched library, or null when there is none to patch (not Linux x64, or not copied to the output folder).</summary>
    public static string? LibraryPath { get; private set; }

    /// <summary>What the patch did at start-up.</summary>
    public static ElfPatchResult? Result { get; private set; }

    /// <summary>Why the patch failed, if it did (TorchSharp then fails to load with its own message).</summary>
    public static Exception? Failure { get; private set; }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the patch must run before anything can touch TorchSharp, which loads the native library in its static constructor.")]
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return;
        }

        // A RID-less build copies the native assets to runtimes/linux-x64/native/; a build for
        // linux-x64 puts them beside the assemblies. Every copy present is patched.
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        foreach (string candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            LibraryPath ??= candidate;
            try
            {
                ElfPatchResult result = ElfVersionPatcher.MarkWeak(candidate, Version);
                Result ??= result;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Failure ??= exception;
            }
        }
    }
}
