using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Locking.Infrastructure.Errors;

internal static class ErrorHandling
{
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new UtcInstantConverter());
            o.SerializerOptions.Converters.Add(new WindowedDateConverter());
        });
        // Binding failures (malformed JSON, wrong types, bad GUIDs) reach the handler below as
        // BadHttpRequestException, so they get a problem body with a reason instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Complete);
        services.AddExceptionHandler<ExceptionToProblem>();
        services.AddValidation();
        return services;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Empty 4xx/5xx responses (401, 403, unknown route, 405) become problems too.
        app.UseStatusCodePages();
        // JSON is UTF-8 (RFC 8259): another or a made-up charset is refused before the reader trips on it.
        app.Use(async (context, next) =>
        {
            if (UnsupportedCharset(context.Request) is { } charset)
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 415, Detail = $"The charset '{charset}' is not supported: send JSON as UTF-8." },
                });
                return;
            }
            await next(context);
        });
        return app;
    }

    private static string? UnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.Charset.HasValue
            && !type.Parameters.Any(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        var name = type.Charset.Value?.Trim('"') ?? "";
        var json = type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (!json)
        {
            return null;
        }
        if (!name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return name;
        }
        // The framework's reader knows only the bare spelling: a quoted "UTF-8" would otherwise fail inside it.
        request.ContentType = $"{type.MediaType}; charset=utf-8";
        return null;
    }

    /// <summary>Gives every problem a code, a detail and camelCase error keys.</summary>
    private static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Extensions.TryAdd("code", Problems.DefaultCode(status));
        problem.Detail ??= Problems.DefaultDetail(status);
        // Statuses the framework has no RFC link for (423, 429, 501) still get a type.
        problem.Type ??= "about:blank";
        if (status == 400)
        {
            problem.Title = Problems.TitleOf("validation_failed");
        }
        problem.Instance ??= context.HttpContext.Request.Path;
        if (problem is HttpValidationProblemDetails validation)
        {
            var camel = validation.Errors.ToDictionary(e => CamelCase(e.Key), e => e.Value);
            validation.Errors.Clear();
            foreach (var (key, messages) in camel)
            {
                validation.Errors[key] = messages;
            }
            if (problem.Detail == Problems.DefaultDetail(400))
            {
                problem.Detail = string.Join(" ", camel.SelectMany(e => e.Value));
            }
        }
    }

    private static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}

/// <summary>
/// Turns exceptions into problems. Bad requests say why; an outage is a 503; anything else is a
/// bug and answers a bare 500 with the trace id, never internals.
/// </summary>
internal sealed partial class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException json } bad:
                var field = json.Path is null or "$" ? "body" : json.Path.TrimStart('$', '.');
                problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [Describe(bad)] })
                {
                    Status = bad.StatusCode,
                    Detail = Describe(bad),
                };
                break;
            case BadHttpRequestException bad when bad.StatusCode == 400:
                var (name, message) = Binding(bad);
                problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
                {
                    Status = 400,
                    Detail = message,
                };
                break;
            case BadHttpRequestException bad:
                problem = new ProblemDetails { Status = bad.StatusCode, Detail = Describe(bad) };
                break;
            case ServiceUnavailableException busy:
                logger.LogWarning(busy, "Unavailable for now on {Path}", httpContext.Request.Path);
                httpContext.Response.Headers.RetryAfter = "1";
                problem = new ProblemDetails { Status = 503, Detail = busy.Message };
                break;
            case Npgsql.NpgsqlException { IsTransient: true } down:
                // A read that met a dropped, failed-over or saturated database: the same answer as a busy write.
                logger.LogWarning(down, "Database unavailable on {Path}", httpContext.Request.Path);
                httpContext.Response.Headers.RetryAfter = "1";
                problem = new ProblemDetails { Status = 503, Detail = "The database is unavailable; try again shortly." };
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                problem = new ProblemDetails { Status = 500, Title = "Internal error" };
                break;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    /// <summary>Which parameter failed to bind, in camelCase, and a sentence saying why.</summary>
    private static (string Name, string Message) Binding(BadHttpRequestException bad)
    {
        // Malformed JSON is handled before this: a binding failure that names the body means it was missing.
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", "A JSON body is required.");
        }
        var match = BoundParameter().Match(bad.Message);
        if (!match.Success)
        {
            return ("request", bad.Message);
        }
        var name = JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value);
        return match.Groups["value"].Success
            ? (name, $"'{match.Groups["value"].Value}' is not a valid value for {name}.")
            : (name, $"{name} is required.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("""parameter "(?:[^"]* )?(?<name>\w+)"(?: from "(?<value>[^"]*)")?""")]
    private static partial System.Text.RegularExpressions.Regex BoundParameter();

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is RefusedJsonValue refused
            ? $"{refused.Path?.TrimStart('$', '.')}: {refused.Message}"
            : bad.InnerException is JsonException json
            ? $"The request body is not valid JSON for this route: malformed, or a value of the wrong type at '{json.Path ?? "$"}'."
            : bad.Message;
}

/// <summary>A passing shortage (a busy database, fencing tokens being reserved): answered as 503 with Retry-After.</summary>
internal class ServiceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
