using Locking.Infrastructure.Errors;

namespace Locking.Features.Locks;

/// <summary>
/// The fencing-token counter, advanced by compare-and-swap on every grant. Tokens are handed out
/// only up to a persisted reservation, so after a restart the counter starts above every token
/// ever issued. <see cref="Next"/> never waits: half-way through a block it asks
/// <see cref="FencingReserver"/> for the next one, and should grants ever outrun that write it
/// refuses (<see cref="FencingTokensExhausted"/>, a 503) rather than issue a token not covered.
/// </summary>
internal sealed class FencingTokens
{
    public const long Block = 1 << 20;

    private readonly SemaphoreSlim demand = new(0);
    private TaskCompletionSource nextReservation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long last;
    private long reservedUpTo;
    private int asked;

    public long Last => Volatile.Read(ref last);

    public long ReservedUpTo => Volatile.Read(ref reservedUpTo);

    /// <summary>Issues tokens above <paramref name="start"/> (every token issued before), up to <paramref name="reserved"/>.</summary>
    public void Start(long start, long reserved)
    {
        Volatile.Write(ref last, start);
        Volatile.Write(ref reservedUpTo, reserved);
    }

    /// <summary>The next token, above every one issued before; consumes nothing when it throws.</summary>
    /// <exception cref="FencingTokensExhausted">Every reserved token is issued and the next reservation is not written yet.</exception>
    public long Next()
    {
        while (true)
        {
            var current = Volatile.Read(ref last);
            var reserved = Volatile.Read(ref reservedUpTo);
            if (current >= reserved)
            {
                Ask();
                throw new FencingTokensExhausted();
            }
            if (Interlocked.CompareExchange(ref last, current + 1, current) == current)
            {
                if (current + 1 > reserved - Block / 2)
                {
                    Ask();
                }
                return current + 1;
            }
        }
    }

    /// <summary>Completes when the counter has used half its reservation (or ran out): time to reserve more.</summary>
    public Task WaitForDemandAsync(CancellationToken ct) => demand.WaitAsync(ct);

    /// <summary>Completes at the next <see cref="Reserved"/> (tests, and anyone who must wait for tokens).</summary>
    public Task NextReservation => Volatile.Read(ref nextReservation).Task;

    /// <summary>The reservation now reaches <paramref name="upTo"/>: tokens up to it may be issued.</summary>
    public void Reserved(long upTo)
    {
        Volatile.Write(ref reservedUpTo, Math.Max(upTo, Volatile.Read(ref reservedUpTo)));
        Volatile.Write(ref asked, 0);
        Interlocked.Exchange(ref nextReservation, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        // Grants that crossed the new half-way mark while this write ran ask again.
        if (Volatile.Read(ref last) > upTo - Block / 2)
        {
            Ask();
        }
    }

    private void Ask()
    {
        if (Interlocked.CompareExchange(ref asked, 1, 0) == 0)
        {
            demand.Release();
        }
    }
}

/// <summary>Every reserved fencing token is issued and the next reservation is being written: answered as 503.</summary>
internal sealed class FencingTokensExhausted()
    : ServiceUnavailableException("Edit locks are paused for a moment while fencing tokens are reserved; try again shortly.");
