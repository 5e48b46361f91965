using System;

namespace StaticNN.Generator.Weights;

/// <summary>A weights file that is not a well-formed safetensors file; the message says what is wrong.</summary>
internal sealed class WeightsFormatException(string message) : Exception(message);
