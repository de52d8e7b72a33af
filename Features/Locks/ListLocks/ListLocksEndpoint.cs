using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.ListLocks;

public sealed record LockList(IReadOnlyList<LockView> Items);

public static class ListLocksEndpoint
{
    public static RouteHandlerBuilder MapListLocks(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, Handle)
            .WithName("ListLocks")
            .WithSummary("Every held lock, with its holder, expiry and pending request")
            .WithDescription("For the admins' live locks page: subscribe to the hub's `subscribe-locks` first, then read this, so no change falls between the two.")
            .ProducesProblems(401, 403)
            .RequireAuthorization(Policies.Admin);

    private static Ok<LockList> Handle(LeaseTable leases) =>
        TypedResults.Ok(new LockList(leases.Live().Select(LockView.Of).ToList()));
}
