using System.Text;
using Locking.Infrastructure.Hosting;

namespace Locking.Infrastructure.BrowserApp;

/// <summary>
/// Serves the browser app at <c>/</c>: its files, and index.html for every other GET that is not
/// the API's, so deep links (<c>/appointments/{id}</c>, <c>/book</c>, …) survive a reload.
/// </summary>
public static class BrowserAppSetup
{
    // Never shadowed by the app: an unknown route under these stays the service's own 404 problem.
    // Never answered with the app, so an unknown route there stays the service's own 404 problem.
    private static readonly string[] ServicePrefixes = ["api", "hubs", "scalar", "openapi", "health", "docs"];

    private const string DemoMeta = """<meta name="locking-demo-accounts" content="off">""";

    private const string MissingPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Locking</title></head>
        <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
        <h1>Locking</h1>
        <p>The browser app was not built into this copy of the service, because npm was not found when it was compiled.
        Install Node.js 20 or later (with npm) and build again (<code>dotnet build</code> runs <code>npm ci</code> and <code>npm run build</code> in <code>ui/</code>).</p>
        <p>The API works without it: see <a href="/scalar">the API reference</a>.</p>
        </body></html>
        """;

    public static WebApplication UseBrowserApp(this WebApplication app)
    {
        var root = new EmbeddedWebRoot();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = root,
            OnPrepareResponse = context =>
            {
                // Vite puts a content hash in every file name under assets/.
                if (context.Context.Request.Path.StartsWithSegments("/assets"))
                {
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });

        var demo = app.Environment.IsDevelopment() && app.Configuration.Switch("Seed:Demo", false);
        var index = root.HasApp ? ReadIndex(root, demo) : MissingPage;
        // Not an endpoint: a catch-all route would join endpoint selection (it would turn a POST to
        // an unknown /api route into a 405, and win over routes whose body is optional). This runs
        // only when routing found nothing at all.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && IsAppPath(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.WriteAsync(index, context.RequestAborted);
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>index.html with the one server-side fact the app needs before signing in.</summary>
    private static string ReadIndex(EmbeddedWebRoot root, bool demoAccounts)
    {
        using var reader = new StreamReader(root.GetFileInfo("index.html").CreateReadStream(), Encoding.UTF8);
        var html = reader.ReadToEnd();
        return demoAccounts ? html.Replace(DemoMeta, DemoMeta.Replace("\"off\"", "\"on\"", StringComparison.Ordinal), StringComparison.Ordinal) : html;
    }

    /// <summary>A read of a page address: not the service's own routes, not a file (no dot in the last segment).</summary>
    private static bool IsAppPath(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }
        var path = request.Path.Value ?? "/";
        var first = path.TrimStart('/').Split('/', 2)[0];
        return !ServicePrefixes.Contains(first, StringComparer.OrdinalIgnoreCase) && !Path.GetFileName(path).Contains('.', StringComparison.Ordinal);
    }
}
