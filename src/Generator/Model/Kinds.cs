namespace StaticNN.Generator.Model;

// These mirror the runtime's StaticNN.Activation, StaticNN.Loss and StaticNN.Optimizer, which the generator cannot
// reference (it loads into the compiler, not into the user's program). A test checks that names
// and values stay identical.

/// <summary>The activation of a layer; values equal to <c>StaticNN.Activation</c>.</summary>
internal enum ActivationKind
{
    Linear = 0,
    ReLU = 1,
    Sigmoid = 2,
    HardSigmoid = 3,
    Tanh = 4,
    LeakyReLU = 5,
}

/// <summary>The loss of a network; values equal to <c>StaticNN.Loss</c>.</summary>
internal enum LossKind
{
    Mse = 0,
    Mae = 1,
    CrossEntropy = 2,
}

/// <summary>The element type of a network.</summary>
internal enum ElementKind
{
    Float,
    Double,
}

/// <summary>The update rule of a network; values equal to <c>StaticNN.Optimizer</c>.</summary>
internal enum OptimizerKind
{
    Sgd = 0,
    Momentum = 1,
    Adam = 2,
}
