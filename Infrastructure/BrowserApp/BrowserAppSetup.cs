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
    private static readonly string[] ServicePrefixes = ["/api", "/hubs", "/scalar", "/openapi", "/health", "/docs"];

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
        app.MapFallback("{*path:nonfile}", (HttpContext context) =>
        {
            var path = context.Request.Path;
            if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || ServicePrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                // Empty, so the status-code pages turn it into the usual 404 problem.
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Content(index, "text/html; charset=utf-8", Encoding.UTF8);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>index.html with the one server-side fact the app needs before signing in.</summary>
    private static string ReadIndex(EmbeddedWebRoot root, bool demoAccounts)
    {
        using var reader = new StreamReader(root.GetFileInfo("index.html").CreateReadStream(), Encoding.UTF8);
        var html = reader.ReadToEnd();
        return demoAccounts ? html.Replace(DemoMeta, DemoMeta.Replace("\"off\"", "\"on\"", StringComparison.Ordinal), StringComparison.Ordinal) : html;
    }
}
