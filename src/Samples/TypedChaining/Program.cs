using System;
using System.Linq;
using StaticNN.Samples.TypedChaining;
using StaticNN.Shapes;

// The typed API: fixed-size vectors instead of spans. The sizes are part of the types, so a
// mistake is a compile error and the calls check no length at run time (and allocate nothing).
var features = new FeatureModel(seed: 1);
var head = new HeadModel(seed: 2);

// 56 values; Float56.From checks the length once, where the data enters.
var pastDays = new float[FeatureModel.InputSize];
for (int d = 0; d < pastDays.Length; d++)
{
    pastDays[d] = MathF.Sin(2 * MathF.PI * d / 7);
}

Float56 input = Float56.From(pastDays);

// FeatureModel returns a Float16; HeadModel takes a Float16. The chain compiles because the sizes match.
Float16 hidden = features.Forward(input);
Float1 prediction = head.Forward(hidden);

// The same in one expression, and with caller-owned outputs (no copies of the result).
Float1 again = head.Forward(features.Forward(input));
var output = default(Float1);
head.Forward(in hidden, ref output);

Console.WriteLine($"16 features: {string.Join(", ", hidden.AsSpan().ToArray().Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
Console.WriteLine($"prediction: {prediction[0]:F4} (again: {again[0]:F4}, into a caller's vector: {output[0]:F4})");

// The span API gives the same result, with its length checks at run time.
var spanOutput = new float[HeadModel.OutputSize];
var spanHidden = new float[FeatureModel.OutputSize];
features.Forward(pastDays, spanHidden);
head.Forward(spanHidden, spanOutput);
Console.WriteLine($"span API:   {spanOutput[0]:F4}");
