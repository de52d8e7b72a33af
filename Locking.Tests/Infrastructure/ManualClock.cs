namespace Locking.Tests.Infrastructure;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when a test says so. Timers (and so
/// <c>Task.Delay(…, clock)</c>) fire during <see cref="Advance"/> once their due time is reached.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ToList();
            foreach (var timer in due)
            {
                timer.Rearm(now);
            }
        }
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                this.period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }
                if (dueTime > TimeSpan.Zero)
                {
                    DueAt = clock.now + dueTime;
                    clock.timers.Add(this);
                }
                else
                {
                    Rearm(clock.now);
                    if (DueAt != DateTimeOffset.MaxValue)
                    {
                        clock.timers.Add(this);
                    }
                }
            }
            if (dueTime <= TimeSpan.Zero)
            {
                Fire();
            }
            return true;
        }

        /// <summary>Called under the clock's lock: reschedule a periodic timer, drop a one-shot.</summary>
        public void Rearm(DateTimeOffset now)
        {
            if (period <= TimeSpan.Zero)
            {
                clock.timers.Remove(this);
                DueAt = DateTimeOffset.MaxValue;
            }
            else
            {
                DueAt = now + period;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
