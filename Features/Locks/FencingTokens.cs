namespace Locking.Features.Locks;

/// <summary>
/// The fencing-token counter: advanced with <see cref="Interlocked"/> on every grant. Tokens are
/// handed out only below a persisted reservation, so after a restart the counter starts above
/// every token ever issued; the next block is reserved in the background well before it is needed.
/// </summary>
internal sealed class FencingTokens
{
    public const long Block = 1 << 20;

    private readonly Func<long, Task> persistReservation;
    private readonly Lock reserveGate = new();
    private long last;
    private long reservedUpTo;
    private int reserving;

    /// <param name="persistReservation">Durably records that tokens up to the given value may be issued.</param>
    public FencingTokens(Func<long, Task> persistReservation) => this.persistReservation = persistReservation;

    public long Last => Volatile.Read(ref last);

    /// <summary>Starts above <paramref name="start"/> (every token issued before) and reserves the first block.</summary>
    public async Task InitializeAsync(long start)
    {
        Volatile.Write(ref last, start);
        var upTo = start + Block;
        await persistReservation(upTo);
        Volatile.Write(ref reservedUpTo, upTo);
    }

    public long Next()
    {
        var token = Interlocked.Increment(ref last);
        if (token > Volatile.Read(ref reservedUpTo) - Block / 2)
        {
            ReserveAhead(token);
        }
        return token;
    }

    private void ReserveAhead(long token)
    {
        if (Interlocked.CompareExchange(ref reserving, 1, 0) == 0)
        {
            var upTo = Volatile.Read(ref reservedUpTo) + Block;
            _ = Task.Run(async () =>
            {
                try
                {
                    await persistReservation(upTo);
                    Volatile.Write(ref reservedUpTo, upTo);
                }
                finally
                {
                    Volatile.Write(ref reserving, 0);
                }
            });
        }
        if (token <= Volatile.Read(ref reservedUpTo))
        {
            return;
        }
        // Half a block of grants outran one small database write (or it failed): reserve here and
        // now, one caller at a time, rather than ever issue a token the database has not covered.
        lock (reserveGate)
        {
            if (token > Volatile.Read(ref reservedUpTo))
            {
                var upTo = token + Block;
                persistReservation(upTo).GetAwaiter().GetResult();
                Volatile.Write(ref reservedUpTo, Math.Max(upTo, Volatile.Read(ref reservedUpTo)));
            }
        }
    }
}
