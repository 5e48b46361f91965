using StaticNN;

// One class per row of the table. The layers are attributes, so every network is fixed when the
// sample compiles: the generator writes its forward pass, backpropagation and update with the
// sizes below as constants. Each predicts tomorrow's births (1 output) from the past N days.
//
// Every network trains with Adam. With plain SGD the right learning rate depends on the model:
// on this data, at η = 0.01 (80 epochs, batch 32) Sigmoid1000 diverges and the other networks
// end 30 to 150 births worse in L′ than with Adam; at η = 0.1 Linear56, Sigmoid100 and both
// 1000-unit networks diverge. A fair SGD table would need a learning-rate search per row. Adam
// scales each parameter's step by its own gradient history, so one learning rate works for every
// row, and the table compares architectures rather than tuning luck. The lecture's plain rule,
// θ ← θ − η·g, is what the error-surface figure shows, with Linear1Sgd below.

namespace StaticNN.Samples.Births;

// 1. Linear models: tomorrow = w · (the past N days) + b. More days let the model see the weekly
//    cycle (7) and the month (28, 56).

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(1, 1)]
public partial class Linear1;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(7, 1)]
public partial class Linear7;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(28, 1)]
public partial class Linear28;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 1)]
public partial class Linear56;

// 2. The past 56 days through one hidden layer of 10, 100 or 1000 units, sigmoid versus ReLU.

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 10, Activation.Sigmoid)]
[Dense(10, 1)]
public partial class Sigmoid10;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 10, Activation.ReLU)]
[Dense(10, 1)]
public partial class ReLU10;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 100, Activation.Sigmoid)]
[Dense(100, 1)]
public partial class Sigmoid100;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class ReLU100;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 1000, Activation.Sigmoid)]
[Dense(1000, 1)]
public partial class Sigmoid1000;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 1000, Activation.ReLU)]
[Dense(1000, 1)]
public partial class ReLU1000;

// 3. The past 56 days through 1 to 4 hidden layers of 100 ReLU units. Deep1 has ReLU100's layers;
//    it is declared again so that the "deep" experiment stands on its own.

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class Deep1;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class Deep2;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class Deep3;

[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class Deep4;

// For the error-surface figure: Linear1's two parameters (w, b), updated with the lecture's plain
// gradient-descent rule θ ← θ − η·g (SGD is the default optimizer), so the path drawn on the
// surface is exactly "step against the gradient".

[Network(Loss.Mse)]
[Dense(1, 1)]
public partial class Linear1Sgd;
