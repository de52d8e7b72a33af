using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Locking.Benchmarks;

// `footprint [count]` measures the memory of held leases; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*'`, `--filter '*Lease*' --job short`).
if (args is ["footprint", ..])
{
    await Footprint.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LeaseBenchmarks).Assembly).Run(args, DefaultConfig.Instance);
