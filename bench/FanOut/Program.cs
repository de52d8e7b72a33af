using Locking.FanOut;

// fanout: N hub subscribers on one appointment, one writer, delivery latency.
// create-appointments / acquire-all: bulk seeding for the held-leases memory measurement.
// Every command prints one "RESULT key=value ..." line that bench/load.sh reads.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: FanOut fanout|create-appointments|acquire-all --url http://127.0.0.1:PORT [--name value ...]");
    return 2;
}
var options = new Options(args[1..]);
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Number("max-seconds", 300)));
try
{
    return args[0] switch
    {
        "fanout" => await FanOutRun.RunAsync(options, stop.Token),
        "create-appointments" => await BulkSeed.CreateAppointmentsAsync(options, stop.Token),
        "acquire-all" => await BulkSeed.AcquireAllAsync(options, stop.Token),
        _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
    };
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("FanOut: stopped at --max-seconds.");
    return 1;
}
