using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Locking.Infrastructure.Docs;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar reference page at <c>/scalar</c>.</summary>
internal static class ApiDocs
{
    private const string Bearer = "Bearer";

    /// <summary>
    /// What the platform itself may answer on a route of <paramref name="api"/>, documented on each:
    /// a body that is not JSON is 415. (400, 401, 403 and 429 depend on the route and are listed
    /// there; tests hold every answer of every route against its list.)
    /// </summary>
    public static RouteGroupBuilder DocumentsPlatformAnswers(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any())
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType,
                    typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
            }
        });
        return api;
    }

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
