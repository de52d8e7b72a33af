using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Locking.Infrastructure.Docs;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar reference page at <c>/scalar</c>.</summary>
internal static class ApiDocs
{
    private const string Bearer = "Bearer";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Locking API";
                document.Info.Description = "Edit locks on appointments, optimistic writes and seat booking for clinics.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A token from POST /api/auth/login.",
                };
                return Task.CompletedTask;
            });
            // Only routes that need a signed-in user carry the bearer requirement.
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [],
                    });
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapGet("/scalar", (HttpContext context, IWebHostEnvironment environment) =>
                TypedResults.Content(ScalarPage(context.Request.PathBase, environment), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapGet("/docs", () => TypedResults.Redirect("/scalar")).ExcludeFromDescription();
        return app;
    }

    private static string ScalarPage(PathString pathBase, IWebHostEnvironment environment)
    {
        if (!environment.WebRootFileProvider.GetFileInfo("scalar/standalone.js").Exists)
        {
            return $"""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Locking API reference</title></head>
                <body>
                <h1>Locking API reference</h1>
                <p>The Scalar bundle <code>wwwroot/scalar/standalone.js</code> is missing: it is copied there by the build
                when Node.js and npm are installed (<code>npm ci</code> in the repository, then <code>dotnet build</code>).</p>
                <p>The OpenAPI document itself is served at <a href="{pathBase}/openapi/v1.json">/openapi/v1.json</a>.</p>
                </body></html>
                """;
        }
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Locking API reference</title>
            </head>
            <body>
              <div id="app"></div>
              <script src="{{pathBase}}/scalar/standalone.js"></script>
              <script>
                Scalar.createApiReference('#app', { url: '{{pathBase}}/openapi/v1.json', authentication: { preferredSecurityScheme: 'Bearer' } });
              </script>
            </body>
            </html>
            """;
    }
}
