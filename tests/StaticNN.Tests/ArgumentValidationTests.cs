using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using StaticNN.Tests.Support;

namespace StaticNN.Tests;

/// <summary>
/// Proves that every bad argument is rejected before anything changes: a length that does not fit
/// throws an ArgumentException whose ParamName is the parameter and whose message states the
/// expected and the actual length; a NaN, infinite or negative learning rate throws an
/// ArgumentOutOfRangeException; and in every case Parameters and Gradients keep their exact bits.
/// Also that an output buffer longer than needed is accepted and only its start is written.
/// </summary>
public sealed class ArgumentValidationTests
{
    private const int Samples = 5;

    /// <summary>A call that must throw, with what the exception must say.</summary>
    private sealed record BadCall<T>(string Name, string ParamName, long? Expected, long? Actual, Action<INetwork<T>> Call)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public bool IsLearningRate => ParamName == "learningRate";
    }

    public static TheoryData<string> CallNames() => new(BadCalls<float>(13, 3).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CallNames))]
    public void Bad_call_throws_and_changes_nothing_float(string call) =>
        Check(Catalog.Float("FloatPiecewise"), call); // InputSize 13, OutputSize 3

    [Theory]
    [MemberData(nameof(CallNames))]
    public void Bad_call_throws_and_changes_nothing_double(string call) =>
        Check(Catalog.Double("DoubleClassifier"), call); // InputSize 13, OutputSize 5, CrossEntropy

    [Fact]
    public void A_longer_output_buffer_is_accepted_and_only_its_start_is_written()
    {
        NetworkCase<float> shape = Catalog.Float("FloatTanhSigmoid");
        INetwork<float> net = shape.Create(seed: 8);
        (float[] inputs, _) = TrainingStepTests.FloatBatch(shape, 3, salt: 1);
        int m = shape.OutputSize;

        var exact = new float[3 * m];
        net.ForwardBatch(inputs, exact);
        var longer = Enumerable.Repeat(-123f, (3 * m) + 5).ToArray();
        net.ForwardBatch(inputs, longer);
        Bitwise.Equal<float>(exact, longer.AsSpan(0, 3 * m), "ForwardBatch into a longer buffer");
        Assert.All(longer[(3 * m)..], v => Assert.Equal(-123f, v));

        var single = Enumerable.Repeat(-123f, m + 1).ToArray();
        net.Forward(inputs.AsSpan(0, shape.InputSize), single);
        Bitwise.Equal<float>(exact.AsSpan(0, m), single.AsSpan(0, m), "Forward into a longer buffer");
        Assert.Equal(-123f, single[m]);
    }

    private static void Check<T>(NetworkCase<T> shape, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        BadCall<T> call = BadCalls<T>(shape.InputSize, shape.OutputSize).Single(c => c.Name == name);
        INetwork<T> net = shape.Create(seed: 11);

        // Gradients in a known non-zero state, so that clearing them would be seen.
        var random = new TestRandom(3);
        T[] inputs = Enumerable.Range(0, 4 * shape.InputSize).Select(_ => T.CreateTruncating(random.Uniform(-1, 1))).ToArray();
        T[] targets = Enumerable.Range(0, 4 * shape.OutputSize).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray();
        net.Backward(inputs, targets);
        T[] parameters = net.Parameters.ToArray();
        T[] gradients = net.Gradients.ToArray();
        Assert.Contains(gradients, g => g != T.Zero);

        ArgumentException exception = call.IsLearningRate
            ? Assert.Throws<ArgumentOutOfRangeException>(() => call.Call(net))
            : Assert.ThrowsAny<ArgumentException>(() => call.Call(net));

        Assert.Equal(call.ParamName, exception.ParamName);
        if (call.Expected is long expected)
        {
            Assert.True(ContainsNumber(exception.Message, expected), $"the message should state the expected length {expected}: \"{exception.Message}\"");
        }

        if (call.Actual is long actual)
        {
            Assert.True(ContainsNumber(exception.Message, actual), $"the message should state the actual length {actual}: \"{exception.Message}\"");
        }

        Bitwise.Equal<T>(parameters, net.Parameters, $"parameters after {name}");
        Bitwise.Equal<T>(gradients, net.Gradients, $"gradients after {name}");
    }

    /// <summary>Whether <paramref name="message"/> contains <paramref name="number"/> as a whole number (not as part of another).</summary>
    private static bool ContainsNumber(string message, long number) =>
        Regex.IsMatch(message, $"(?<![0-9]){number}(?![0-9])");

    /// <summary>
    /// Every bad call, for a network with n inputs and m outputs. Valid batches have 5 samples;
    /// "Expected" is what the message must state as the required length (for a batch that is not a
    /// whole number of samples: the sample size n it must be a multiple of).
    /// </summary>
    private static IEnumerable<BadCall<T>> BadCalls<T>(int n, int m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const int s = Samples;
        static T[] A(int length) => new T[length];
        T[] goodInputs = A(s * n), goodTargets = A(s * m);

        // Forward: one sample in, at least m values out.
        yield return new("Forward, input one short", "input", n, n - 1, net => net.Forward(A(n - 1), A(m)));
        yield return new("Forward, input one long", "input", n, n + 1, net => net.Forward(A(n + 1), A(m)));
        yield return new("Forward, input empty", "input", n, 0, net => net.Forward(A(0), A(m)));
        yield return new("Forward, input of two samples", "input", n, 2 * n, net => net.Forward(A(2 * n), A(m)));
        yield return new("Forward, output one short", "output", m, m - 1, net => net.Forward(A(n), A(m - 1)));
        yield return new("Forward, output empty", "output", m, 0, net => net.Forward(A(n), A(0)));

        // ForwardBatch: whole samples in, at least samples × m out.
        yield return new("ForwardBatch, inputs not whole samples", "inputs", n, (s * n) + 1, net => net.ForwardBatch(A((s * n) + 1), A((s + 1) * m)));
        yield return new("ForwardBatch, inputs one short", "inputs", n, (s * n) - 1, net => net.ForwardBatch(A((s * n) - 1), A(s * m)));
        yield return new("ForwardBatch, inputs empty", "inputs", n, 0, net => net.ForwardBatch(A(0), A(s * m)));
        yield return new("ForwardBatch, outputs one short", "outputs", s * m, (s * m) - 1, net => net.ForwardBatch(goodInputs, A((s * m) - 1)));
        yield return new("ForwardBatch, outputs for one sample fewer", "outputs", s * m, (s - 1) * m, net => net.ForwardBatch(goodInputs, A((s - 1) * m)));

        // Backward, Evaluate and TrainBatch share the batch rules.
        var batchMethods = new (string Name, Action<INetwork<T>, T[], T[]> Call)[]
        {
            ("Backward", (net, x, t) => net.Backward(x, t)),
            ("Evaluate", (net, x, t) => net.Evaluate(x, t)),
            ("TrainBatch", (net, x, t) => net.TrainBatch(x, t, T.CreateTruncating(0.1))),
        };
        foreach ((string method, Action<INetwork<T>, T[], T[]> invoke) in batchMethods)
        {
            yield return new($"{method}, inputs not whole samples", "inputs", n, (s * n) + 1, net => invoke(net, A((s * n) + 1), goodTargets));
            yield return new($"{method}, inputs one short", "inputs", n, (s * n) - 1, net => invoke(net, A((s * n) - 1), goodTargets));
            yield return new($"{method}, inputs empty", "inputs", n, 0, net => invoke(net, A(0), A(0)));
            yield return new($"{method}, inputs empty with targets", "inputs", n, 0, net => invoke(net, A(0), goodTargets));
            yield return new($"{method}, targets one short", "targets", s * m, (s * m) - 1, net => invoke(net, goodInputs, A((s * m) - 1)));
            yield return new($"{method}, targets one long", "targets", s * m, (s * m) + 1, net => invoke(net, goodInputs, A((s * m) + 1)));
            yield return new($"{method}, targets for one sample more", "targets", s * m, (s + 1) * m, net => invoke(net, goodInputs, A((s + 1) * m)));
            yield return new($"{method}, targets empty", "targets", s * m, 0, net => invoke(net, goodInputs, A(0)));
        }

        // Learning rates: NaN, infinite or negative (down to the smallest negative subnormal).
        var rates = new (string Name, T Value)[]
        {
            ("NaN", T.NaN), ("+∞", T.PositiveInfinity), ("−∞", T.NegativeInfinity),
            ("−1", -T.One), ("−ε (smallest subnormal)", -T.Epsilon),
        };
        foreach ((string rateName, T rate) in rates)
        {
            yield return new($"Update, learning rate {rateName}", "learningRate", null, null, net => net.Update(rate));
            yield return new($"TrainBatch, learning rate {rateName}", "learningRate", null, null, net => net.TrainBatch(goodInputs, goodTargets, rate));
        }
    }
}
