using System;
using System.IO;
using System.Linq;
using System.Text.Json;

using StaticNN.TestSupport;

namespace StaticNN.Build.Tests;

/// <summary>
/// StaticNN.targets in a real build: a fresh project outside the repository's Directory.Build
/// files imports src/Build/StaticNN.Repository.targets, and <c>dotnet build</c> must swap its
/// .safetensors AdditionalFiles for encoded ones whose source path reaches the compiler through the
/// generated editorconfig.
/// </summary>
public sealed class TargetsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("staticnn-targets-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A build process may still hold a file; the temporary folder is then left to the OS.
        }
    }

    [Fact]
    public void A_build_swaps_safetensors_additional_files_for_encoded_ones_the_compiler_sees_with_their_source()
    {
        byte[] model = [0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, .. "{\"w\":1}"u8, 0xFF, 0xFE, 0x00, 0x7F];
        byte[] extra = [1, 2, 3, 4, 5];
        File.WriteAllText(Path.Combine(_folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllBytes(Path.Combine(_folder, "model.safetensors"), model);
        Directory.CreateDirectory(Path.Combine(_folder, "Models"));
        File.WriteAllBytes(Path.Combine(_folder, "Models", "Extra.SAFETENSORS"), extra);
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not weights");
        File.WriteAllText(Path.Combine(_folder, "Weights.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <Import Project="{Path.Combine(DotnetCli.RepositoryRoot(), "src", "Build", "StaticNN.Repository.targets")}" />
              <ItemGroup>
                <AdditionalFiles Include="model.safetensors" />
                <AdditionalFiles Include="Models/Extra.SAFETENSORS" />
                <AdditionalFiles Include="notes.txt" />
              </ItemGroup>
            </Project>
            """);
        string tasks = $"-p:StaticNNBuildTasksAssembly={typeof(EncodeWeightsFiles).Assembly.Location}";

        string built = DotnetCli.Run(_folder, "build", "Weights.csproj", "-t:Build", "-getItem:AdditionalFiles", tasks, "-nologo");

        JsonElement[] items = AdditionalFiles(built);
        Assert.Equal(3, items.Length);
        Assert.Equal(Path.Combine(_folder, "notes.txt"), FullPath(items[0]));
        string encodedModel = AssertEncoded(items, Path.Combine(_folder, "model.safetensors"), model);
        AssertEncoded(items, Path.Combine(_folder, "Models", "Extra.SAFETENSORS"), extra);

        string editorConfig = File.ReadAllText(Directory.GetFiles(_folder, "Weights.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single());
        Assert.Contains(
            $"[{encodedModel.Replace('\\', '/')}]\nbuild_metadata.AdditionalFiles.StaticNNWeightsSource = {Path.Combine(_folder, "model.safetensors")}\n",
            editorConfig.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);

        // StaticNNEmbedWeights=false: the target is skipped and the originals stay.
        string off = DotnetCli.Run(_folder, "msbuild", "Weights.csproj", "-t:GenerateMSBuildEditorConfigFileShouldRun", "-getItem:AdditionalFiles", "-p:StaticNNEmbedWeights=false", tasks, "-nologo");
        Assert.Equal(
            ["model.safetensors", "Models/Extra.SAFETENSORS", "notes.txt"],
            AdditionalFiles(off).Select(item => item.GetProperty("Identity").GetString()));
    }

    /// <summary>Asserts that exactly one item encodes <paramref name="source"/>, and that it decodes to <paramref name="bytes"/>.</summary>
    /// <returns>The encoded file's full path.</returns>
    private static string AssertEncoded(JsonElement[] items, string source, byte[] bytes)
    {
        JsonElement item = Assert.Single(items, i => i.TryGetProperty("StaticNNWeightsSource", out JsonElement s) && s.GetString() == source);
        string path = FullPath(item);
        Assert.EndsWith(".b64", path, StringComparison.Ordinal);
        Assert.Equal(bytes, EncodeWeightsFilesTests.Decode(File.ReadAllBytes(path)));
        return path;
    }

    private static JsonElement[] AdditionalFiles(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray().Select(item => item.Clone())];
    }

    private static string FullPath(JsonElement item) => item.GetProperty("FullPath").GetString()!;
}
