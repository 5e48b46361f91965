using System;
using BenchmarkDotNet.Running;
using StaticNN.Benchmarks;

// Everything the performance issue asks for, and RESULTS.md rewritten: bench/run-all.sh.
// One class: dotnet run -c Release --project bench/StaticNN.Benchmarks -- --filter '*ForwardPeer*'
// The write-up alone, from reports already exported (JSON):
//   dotnet run -c Release --project bench/StaticNN.Benchmarks -- --write-results --artifacts DIR --results bench/RESULTS.md
if (args.Length > 0 && args[0] == "--write-results")
{
    return ResultsWriter.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Scenarios).Assembly).Run(args);
return 0;
