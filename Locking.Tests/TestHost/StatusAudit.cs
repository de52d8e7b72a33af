using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Locking.Tests.TestHost;

/// <summary>
/// Every answer an /api route gives in any test, held against the statuses its OpenAPI metadata
/// documents: the whole suite, with its conflicts, refusals and races, proves the documented lists
/// complete. 5xx (an outage or a bug) is left to the tests that expect it.
/// </summary>
public sealed class StatusAudit : IStartupFilter
{
    private readonly ConcurrentDictionary<string, byte> undocumented = new();

    /// <summary>"POST /api/… answered 409", once each.</summary>
    public IReadOnlyCollection<string> Undocumented => undocumented.Keys.Order().ToList();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            await inner(context);
            Check(context);
        });
        next(app);
    };

    private void Check(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } pattern } endpoint
            || !pattern.StartsWith("/api/", StringComparison.Ordinal)
            || context.Response.StatusCode >= 500)
        {
            return;
        }
        var status = context.Response.StatusCode;
        if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
        {
            undocumented.TryAdd($"{context.Request.Method} {pattern} answered {status}", 0);
        }
    }
}
