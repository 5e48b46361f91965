using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNN.Serialization;

/// <summary>
/// Writes a network as an ONNX model that ONNX Runtime and the standard ONNX tools open: input
/// <c>input</c> of shape <c>[batch, InputSize]</c> (batch is dynamic), output <c>output</c> of
/// shape <c>[batch, OutputSize]</c>, one <c>Gemm</c> per layer (<c>transB = 1</c>, so the weights
/// keep PyTorch's <c>[outputs × inputs]</c> layout) followed by its activation operator, a
/// <c>Softmax</c> over the last axis for CrossEntropy networks (whose <c>Forward</c> returns
/// probabilities), and the parameters as initializers named as in the safetensors file.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX IR version written (8: ONNX 1.10 and later read it).</summary>
    public const int IrVersion = 8;

    /// <summary>The opset of the default domain the operators come from.</summary>
    public const int Opset = 17;

    // ONNX TensorProto.DataType values.
    private const int OnnxFloat = 1;
    private const int OnnxDouble = 11;

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> as an ONNX model, atomically (temporary file, then rename).</summary>
    /// <typeparam name="T">The element type; exported as ONNX float or double.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void Export<T>(INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] model = Model(network);
        AtomicFile.Write(path, stream => stream.Write(model));
    }

    /// <summary>Returns the ONNX model of <paramref name="network"/> as bytes.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="network">The network.</param>
    /// <returns>A serialized <c>onnx.ModelProto</c>.</returns>
    public static byte[] Model<T>(INetwork<T> network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        int elementType = typeof(T) == typeof(double) ? OnnxDouble : OnnxFloat;
        IReadOnlyList<DenseLayer> layers = network.Layers;
        IReadOnlyList<(string Weight, string Bias)> names = SafeTensors.TensorNames(layers);
        T[] parameters = network.Parameters.ToArray();

        var model = new ProtobufWriter();
        model.WriteVarint(1, IrVersion);
        model.WriteString(2, "StaticNN");
        model.WriteString(3, typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0");
        model.WriteMessage(7, graph =>
        {
            string current = "input";
            for (int k = 0; k < layers.Count; k++)
            {
                DenseLayer layer = layers[k];
                string index = k.ToString(CultureInfo.InvariantCulture);
                string linear = $"linear{index}";
                string gemmOutput = k == layers.Count - 1 && layer.Activation == Activation.Linear && network.Loss != Loss.CrossEntropy ? "output" : linear;
                graph.WriteMessage(1, node =>
                {
                    node.WriteString(1, current);
                    node.WriteString(1, names[k].Weight);
                    node.WriteString(1, names[k].Bias);
                    node.WriteString(2, gemmOutput);
                    node.WriteString(3, $"gemm{index}");
                    node.WriteString(4, "Gemm");
                    node.WriteMessage(5, attribute => IntAttribute(attribute, "transB", 1));
                });
                current = gemmOutput;

                if (layer.Activation != Activation.Linear)
                {
                    string activated = k == layers.Count - 1 && network.Loss != Loss.CrossEntropy ? "output" : $"activation{index}";
                    WriteActivation(graph, layer.Activation, current, activated, index);
                    current = activated;
                }

                graph.WriteMessage(5, tensor => Tensor(tensor, names[k].Weight, elementType, [layer.Outputs, layer.Inputs], parameters.AsSpan(layer.WeightOffset, layer.WeightCount)));
                graph.WriteMessage(5, tensor => Tensor(tensor, names[k].Bias, elementType, [layer.Outputs], parameters.AsSpan(layer.BiasOffset, layer.Outputs)));
            }

            if (network.Loss == Loss.CrossEntropy)
            {
                graph.WriteMessage(1, node =>
                {
                    node.WriteString(1, current);
                    node.WriteString(2, "output");
                    node.WriteString(3, "softmax");
                    node.WriteString(4, "Softmax");
                    node.WriteMessage(5, attribute => IntAttribute(attribute, "axis", -1));
                });
            }

            graph.WriteString(2, "staticnn");
            graph.WriteMessage(11, value => ValueInfo(value, "input", elementType, network.InputSize));
            graph.WriteMessage(12, value => ValueInfo(value, "output", elementType, network.OutputSize));
        });
        model.WriteMessage(8, opset =>
        {
            opset.WriteString(1, string.Empty);
            opset.WriteVarint(2, Opset);
        });
        return model.WrittenSpan.ToArray();
    }

    private static void WriteActivation(ProtobufWriter graph, Activation activation, string input, string output, string index)
    {
        (string op, Action<ProtobufWriter>[] attributes) = activation switch
        {
            Activation.ReLU => ("Relu", Array.Empty<Action<ProtobufWriter>>()),
            Activation.Sigmoid => ("Sigmoid", []),
            Activation.Tanh => ("Tanh", []),

            // PyTorch's relu6(x + 3) / 6 is ONNX's max(0, min(1, x/6 + 1/2)); they differ by rounding only.
            Activation.HardSigmoid => ("HardSigmoid", [a => FloatAttribute(a, "alpha", 1f / 6), a => FloatAttribute(a, "beta", 0.5f)]),
            Activation.LeakyReLU => ("LeakyRelu", [a => FloatAttribute(a, "alpha", 0.01f)]),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an activation StaticNN knows."),
        };

        graph.WriteMessage(1, node =>
        {
            node.WriteString(1, input);
            node.WriteString(2, output);
            node.WriteString(3, $"{op.ToLowerInvariant()}{index}");
            node.WriteString(4, op);
            foreach (Action<ProtobufWriter> attribute in attributes)
            {
                node.WriteMessage(5, attribute);
            }
        });
    }

    private static void IntAttribute(ProtobufWriter attribute, string name, long value)
    {
        attribute.WriteString(1, name);
        attribute.WriteVarint(3, value);
        attribute.WriteVarint(20, 2); // AttributeProto.INT
    }

    private static void FloatAttribute(ProtobufWriter attribute, string name, float value)
    {
        attribute.WriteString(1, name);
        attribute.WriteFloat(2, value);
        attribute.WriteVarint(20, 1); // AttributeProto.FLOAT
    }

    private static void Tensor<T>(ProtobufWriter tensor, string name, int elementType, int[] dims, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        foreach (int dim in dims)
        {
            tensor.WriteVarint(1, dim);
        }

        tensor.WriteVarint(2, elementType);
        tensor.WriteString(8, name);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; exporting from a big-endian machine is not supported.");
        }

        tensor.WriteBytes(9, MemoryMarshal.AsBytes(values));
    }

    private static void ValueInfo(ProtobufWriter value, string name, int elementType, int size)
    {
        value.WriteString(1, name);
        value.WriteMessage(2, type => type.WriteMessage(1, tensorType =>
        {
            tensorType.WriteVarint(1, elementType);
            tensorType.WriteMessage(2, shape =>
            {
                shape.WriteMessage(1, dim => dim.WriteString(2, "batch"));
                shape.WriteMessage(1, dim => dim.WriteVarint(1, size));
            });
        }));
    }
}
