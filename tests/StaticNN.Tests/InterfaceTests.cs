using System.Linq;
using System.Numerics;
using System.Reflection;
using StaticNN.Tests.Networks;
using StaticNN.Tests.Support;

namespace StaticNN.Tests;

/// <summary>
/// Proves that every generated class is an INetwork&lt;T&gt; of its declared element type whose
/// explicitly implemented members return the generated constants and the declared loss, that Layers
/// describes the declared layers, and that the shapes the other tests rely on (NetworkCase) agree
/// with what the generator produced.
/// </summary>
public sealed class InterfaceTests
{
    public static TheoryData<string> DoubleNetworks() => new(GradientNetworks.All.Select(c => c.Name).Concat(TestNetworks.Doubles.Select(c => c.Name)));

    public static TheoryData<string> FloatNetworks() => new(TestNetworks.Floats.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void Interface_members_return_the_constants_and_the_loss_double(string network) =>
        Check(Catalog.Double(network));

    [Theory]
    [MemberData(nameof(FloatNetworks))]
    public void Interface_members_return_the_constants_and_the_loss_float(string network) =>
        Check(Catalog.Float(network));

    [Fact]
    public void Sizes_are_compile_time_constants()
    {
        // These lines compile only if the members are constants.
        const int inputs = FloatWideClassifier.InputSize;
        const int outputs = FloatWideClassifier.OutputSize;
        const int parameters = FloatWideClassifier.ParameterCount;
        Assert.Equal(56, inputs);
        Assert.Equal(10, outputs);
        Assert.Equal((56 * 100) + 100 + (100 * 10) + 10, parameters);

        INetwork<float> net = new FloatWideClassifier();
        Assert.Equal(Loss.CrossEntropy, net.Loss);
        Assert.Equal(Loss.Mse, ((INetwork<float>)new DefaultsNetwork()).Loss); // no [Network]: Mse, float
        Assert.Equal(Loss.Mae, ((INetwork<double>)new DoubleMae()).Loss);
    }

    private static void Check<T>(NetworkCase<T> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        INetwork<T> net = shape.Create(seed: 0);
        System.Type type = net.GetType();

        Assert.Equal(shape.InputSize, Constant(type, "InputSize"));
        Assert.Equal(shape.OutputSize, Constant(type, "OutputSize"));
        Assert.Equal(shape.ParameterCount, Constant(type, "ParameterCount"));

        Assert.Equal(shape.InputSize, net.InputSize);
        Assert.Equal(shape.OutputSize, net.OutputSize);
        Assert.Equal(shape.ParameterCount, net.ParameterCount);
        Assert.Equal(shape.Loss, net.Loss);
        Assert.Equal(shape.ParameterCount, net.Parameters.Length);
        Assert.Equal(shape.ParameterCount, net.Gradients.Length);

        // Layers describes the declared layers and where their parameters live.
        Assert.Equal(shape.Layers.Count, net.Layers.Count);
        for (int k = 0; k < shape.Layers.Count; k++)
        {
            LayerShape l = shape.Layers[k];
            int weights = shape.WeightOffset(k);
            Assert.Equal(new DenseLayer(l.Inputs, l.Outputs, l.Activation, weights, weights + (l.Inputs * l.Outputs)), net.Layers[k]);
        }

        // The interface's size members and Loss are implemented explicitly (the public names are the constants).
        InterfaceMapping map = type.GetInterfaceMap(typeof(INetwork<T>));
        foreach (string member in new[] { "get_InputSize", "get_OutputSize", "get_ParameterCount", "get_Loss" })
        {
            int index = System.Array.FindIndex(map.InterfaceMethods, m => m.Name == member);
            Assert.True(index >= 0, member);
            Assert.True(map.TargetMethods[index].IsPrivate, $"{type.Name}: {member} should be an explicit implementation");
        }
    }

    private static int Constant(System.Type type, string name)
    {
        FieldInfo? field = type.GetField(name, BindingFlags.Public | BindingFlags.Static);
        Assert.NotNull(field);
        Assert.True(field.IsLiteral, $"{type.Name}.{name} should be a const");
        return (int)field.GetRawConstantValue()!;
    }
}
