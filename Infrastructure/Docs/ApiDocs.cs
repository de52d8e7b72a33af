using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

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
                document.Info.Description = "Edit locks on appointments, optimistic writes and seat booking for clinics. Routes, error codes and configuration: docs/API.md; the real-time hub /hubs/locking: docs/REALTIME.md (both in the repository).";
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
            // Instants are written by UtcInstantConverter, and for a type with its own converter the
            // framework knows only the format: it is a string (a nullable property's also null).
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
                {
                    schema.Type = type == typeof(DateTimeOffset?) && context.JsonPropertyInfo is not null
                        ? JsonSchemaType.String | JsonSchemaType.Null
                        : JsonSchemaType.String;
                    schema.Format = "date-time";
                }
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
        app.MapOpenApi();
        // Scalar.AspNetCore serves its embedded bundle; the buttons that reach Scalar's hosted services stay hidden.
        app.MapScalarApiReference(o => o
            .WithTitle("Locking API reference")
            .AddPreferredSecuritySchemes(Bearer)
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton());
        app.MapGet("/docs", () => TypedResults.Redirect("/scalar")).ExcludeFromDescription();
        return app;
    }
}
