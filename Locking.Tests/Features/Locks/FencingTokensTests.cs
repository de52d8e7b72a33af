using Locking.Features.Locks;

namespace Locking.Tests.Features.Locks;

/// <summary>The fencing-token counter on its own.</summary>
public sealed class FencingTokensTests
{
    [Fact]
    public void FencingTokens_NeverIssueAboveTheReservation_AskForMoreHalfWay_AndGoOnOnceReserved()
    {
        var tokens = new FencingTokens();
        tokens.Start(41, 41 + FencingTokens.Block);
        var demand = tokens.WaitForDemandAsync(CancellationToken.None);
        Assert.Equal(42, tokens.Next());
        while (tokens.Last < 41 + FencingTokens.Block / 2)
        {
            tokens.Next();
        }
        Assert.False(demand.IsCompleted, "asked for more before half the block was used");
        tokens.Next();
        Assert.True(demand.IsCompleted, "did not ask for more past half the block");

        long last = tokens.Last;
        while (last < 41 + FencingTokens.Block)
        {
            var token = tokens.Next();
            Assert.Equal(last + 1, token);
            last = token;
        }
        // Every reserved token is out: refused, and the refusal uses none up.
        Assert.Throws<FencingTokensExhausted>(() => tokens.Next());
        Assert.Throws<FencingTokensExhausted>(() => tokens.Next());
        Assert.Equal(41 + FencingTokens.Block, tokens.Last);

        var reserved = tokens.NextReservation;
        tokens.Reserved(41 + 2 * FencingTokens.Block);
        Assert.True(reserved.IsCompletedSuccessfully);
        Assert.Equal(42 + FencingTokens.Block, tokens.Next());
    }
}
