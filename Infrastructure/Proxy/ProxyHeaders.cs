using Locking.Infrastructure.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Locking.Infrastructure.Proxy;

internal static class ProxyHeaders
{
    /// <summary>Behind a reverse proxy (<c>ForwardedHeaders:Enabled</c>): trust X-Forwarded-For/-Proto/-Host.</summary>
    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        if (app.Configuration.Switch("ForwardedHeaders:Enabled", false))
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All };
            // The proxy's address is not known here; the deployment keeps the port private to it.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            app.UseForwardedHeaders(options);
        }
        return app;
    }
}
