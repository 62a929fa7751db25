using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MagSleep.Benchmarks.EngineBenchmarks).Assembly).Run(args);
