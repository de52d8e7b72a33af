using System.Collections.Concurrent;
using System.Security.Claims;

namespace Locking.Infrastructure.Auth;

/// <summary>
/// Whether a correctly signed token still speaks for a user of this database, in that user's
/// current role: a token minted for a deleted user, by another deployment sharing the key, or
/// before a role change is refused. Each user is read once and kept for <see cref="Fresh"/>,
/// so a request costs a dictionary read, not a query.
/// </summary>
internal sealed class TokenSubjects(UserAccounts users, TimeProvider clock)
{
    /// <summary>How long a role change made outside this process (the admin command) may take to be seen.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (UserView User, DateTimeOffset ReadAt)> known = new();

    /// <summary>Why the token must be refused, or null when it names a current user in their current role.</summary>
    public async ValueTask<string?> RefusalAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(Claims.Subject), out var id))
        {
            return "The token names no user.";
        }
        var now = clock.GetUtcNow();
        UserView? user;
        if (known.TryGetValue(id, out var entry) && now - entry.ReadAt < Fresh)
        {
            user = entry.User;
        }
        else
        {
            // Unknown ids are not remembered, so a stream of forged subjects cannot grow this table.
            user = await users.FindAsync(id, ct);
            if (user is not null)
            {
                known[id] = (user, now);
            }
        }
        if (user is null)
        {
            return "The token's user does not exist in this service.";
        }
        // A doctor link made after sign-in only narrows nothing: the old token simply lacks it (403 on own slots).
        // Exactly one role claim, the user's own: a token listing several would pass any role check.
        var roles = principal.FindAll(Claims.RoleClaim).Select(c => c.Value).ToList();
        return roles is [var role] && role == user.Role.ToClaim()
            ? null
            : "The token's role is no longer the user's: sign in again.";
    }
}
