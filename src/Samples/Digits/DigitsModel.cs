using StaticNN;

namespace StaticNN.Samples.Digits;

/// <summary>
/// A 28×28 grey-scale digit (784 pixels in [0, 1]) → 100 ReLU units → 10 scores, one per digit.
/// With <see cref="Loss.CrossEntropy"/> the outputs go through softmax, so <c>Forward</c> returns the
/// probability of each digit, and training minimises −log(probability of the true digit).
/// </summary>
/// <remarks>
/// Adam, because it reaches a good accuracy in a few epochs at its usual learning rate (0.001)
/// without a search for the step size that plain SGD would need.
/// </remarks>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(784, 100, Activation.ReLU)]
[Dense(100, 10)]
public partial class DigitsModel;
