using BenchmarkDotNet.Running;

namespace MagSleep.Benchmarks;

// Not top-level statements: those would declare a global Program beside the service's, which SerializationBenchmarks hosts.
internal static class Benchmarks
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Benchmarks).Assembly).Run(args);
}
