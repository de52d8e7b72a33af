using System.Reflection;
using Locking.Infrastructure.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Infrastructure.Realtime;

/// <summary>
/// Logs each failed hub invocation once, at its level. A <see cref="HubException"/> is a refusal the
/// caller gets as a sentence (forbidden, invalid, over a limit): Information, without a stack trace.
/// Anything else is a bug: Error, with it. SignalR's own line for these, which logs every one at
/// Error, is switched off in <see cref="RealtimeSetup"/>.
/// </summary>
internal sealed class HubInvocationLogging(ILogger<HubInvocationLogging> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (HubException refused)
        {
            logger.LogInformation("Hub {Method} refused for user {UserId}: {Reason}", MethodName(invocation), UserId(invocation), refused.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocation.Context.ConnectionAborted.IsCancellationRequested)
        {
            // The caller left mid-invocation.
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Hub {Method} failed for user {UserId}", MethodName(invocation), UserId(invocation));
            throw;
        }
    }

    /// <summary>The name the client invoked (<c>subscribe-slots</c>), not the C# method's.</summary>
    private static string MethodName(HubInvocationContext invocation) =>
        invocation.HubMethod.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? invocation.HubMethodName;

    private static string? UserId(HubInvocationContext invocation) => invocation.Context.User?.FindFirst(Claims.Subject)?.Value;
}
