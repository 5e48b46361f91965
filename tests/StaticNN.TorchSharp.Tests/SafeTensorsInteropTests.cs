using System;
using System.IO;
using StaticNN.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;

namespace StaticNN.TorchSharp.Tests;

/// <summary>
/// Proves that StaticNN's safetensors files and TorchSharp's (through TorchSharp.PyBridge's
/// <c>load_safetensors</c>/<c>save_safetensors</c>) are the same thing: a file written by either
/// side loads strictly into the other's equivalent <c>nn.Sequential</c>, and both compute the same
/// outputs on the same batch.
/// </summary>
public sealed class SafeTensorsInteropTests : IDisposable
{
    // Both sides compute the same float32 math on the same float32 weights; only the order of
    // summation (and FMA versus separate rounding) differs between StaticNN's loops and libtorch's
    // GEMM. A dot product of n terms then differs by at most about n·2⁻²⁴·Σ|wᵢxᵢ|; with n ≤ 100,
    // inputs in [-1, 1] and these initialisations the outputs differ by a few 1e-8, well within 1e-6.
    private const float Tolerance = 1e-6f;

    private const int Batch = 16;

    private readonly string _folder = Directory.CreateTempSubdirectory("staticnn-torchsharp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Models => ["views", "classifier"];

    [Theory]
    [MemberData(nameof(Models))]
    public void A_StaticNN_file_loads_strictly_into_TorchSharp_and_computes_the_same(string which)
    {
        INetwork<float> network = Create(which, seed: 1);
        string path = Path.Combine(_folder, which + ".safetensors");
        network.Save(path);

        using var scope = torch.NewDisposeScope();
        Sequential module = TorchEquivalent(which);
        module.load_safetensors(path, strict: true);

        AssertSameOutputs(which, network, module, seed: 2);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_TorchSharp_file_loads_into_StaticNN_and_computes_the_same(string which)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        Sequential module = TorchEquivalent(which);
        string path = Path.Combine(_folder, which + ".safetensors");
        module.save_safetensors(path);

        INetwork<float> network = Create(which, seed: 4);
        SafeTensorsLoadResult result = network.Load(path);
        Assert.Equal(0, result.NonFiniteValues);

        AssertSameOutputs(which, network, module, seed: 5);
    }

    [Fact]
    public void Parameters_survive_a_round_trip_through_TorchSharp_bit_for_bit()
    {
        var original = new ViewsModel(seed: 6);
        string first = Path.Combine(_folder, "first.safetensors");
        string second = Path.Combine(_folder, "second.safetensors");
        original.Save(first);

        using var scope = torch.NewDisposeScope();
        Sequential module = TorchEquivalent("views");
        module.load_safetensors(first, strict: true);
        module.save_safetensors(second);

        var copy = new ViewsModel(seed: 7);
        copy.Load(second);
        Assert.Equal(((INetwork<float>)original).Parameters.ToArray(), ((INetwork<float>)copy).Parameters.ToArray());
    }

    private static INetwork<float> Create(string which, int seed) =>
        which == "views" ? new ViewsModel(seed) : new Classifier(seed);

    /// <summary>The equivalent nn.Sequential, its modules named "0", "1", "2" as in PyTorch.</summary>
    private static Sequential TorchEquivalent(string which) =>
        which == "views"
            ? torch.nn.Sequential(("0", torch.nn.Linear(56, 100)), ("1", torch.nn.ReLU()), ("2", torch.nn.Linear(100, 1)))
            : torch.nn.Sequential(("0", torch.nn.Linear(20, 8)), ("1", torch.nn.Tanh()), ("2", torch.nn.Linear(8, 3)));

    private static void AssertSameOutputs(string which, INetwork<float> network, Sequential module, int seed)
    {
        var random = new Random(seed);
        float[] inputs = new float[Batch * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 2) - 1);
        }

        float[] expected = new float[Batch * network.OutputSize];
        network.ForwardBatch(inputs, expected);

        float[] actual;
        using (torch.no_grad())
        {
            module.eval();
            torch.Tensor input = torch.tensor(inputs, [Batch, network.InputSize], torch.float32);
            torch.Tensor output = module.forward(input);
            if (which != "views")
            {
                // A CrossEntropy network's Forward returns probabilities.
                output = torch.nn.functional.softmax(output, dim: 1);
            }

            Assert.Equal(torch.float32, output.dtype);
            Assert.Equal([Batch, network.OutputSize], output.shape);
            actual = output.data<float>().ToArray();
        }

        float largest = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            float difference = Math.Abs(expected[k] - actual[k]);
            largest = Math.Max(largest, difference);
            Assert.True(difference <= Tolerance, $"{which}, value {k}: StaticNN {expected[k]:R}, TorchSharp {actual[k]:R}");
        }

        Console.WriteLine($"{which}: largest difference {largest:R}");
    }
}
