using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project bench/StaticNN.Generator.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
