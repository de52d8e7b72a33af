using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Infrastructure.Errors;

/// <summary>
/// Builds the RFC 9457 problems of API.md: every one carries a machine-readable <c>code</c>.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Of(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: status, title: TitleOf(code), extensions: all);
    }

    public static ProblemHttpResult NotFound(string detail, string code = "not_found") => Of(404, code, detail);
    public static ProblemHttpResult Forbidden(string detail, string code = "forbidden") => Of(403, code, detail);
    public static ProblemHttpResult Conflict(string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Of(409, code, detail, extensions);

    public static ProblemHttpResult Validation(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = TitleOf("validation_failed"),
            Detail = message,
            Extensions = { ["code"] = "validation_failed" },
        });

    /// <summary>The code a bare status gets when nothing more specific was said.</summary>
    public static string DefaultCode(int status) => status switch
    {
        400 => "validation_failed",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        423 => "lock_required",
        429 => "rate_limited",
        503 => "unavailable",
        _ when status >= 500 => "internal_error",
        _ => "error",
    };

    public static string DefaultDetail(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "Sign in first: send a valid bearer token.",
        403 => "You are not allowed to do this.",
        404 => "No such resource or route.",
        405 => "This route does not accept that HTTP method.",
        415 => "Send the body as application/json.",
        429 => "Too many requests; wait and try again.",
        503 => "The service is temporarily unavailable; try again shortly.",
        _ when status >= 500 => "An unexpected error occurred.",
        _ => "The request failed.",
    };

    public static string TitleOf(string code) => code switch
    {
        "validation_failed" => "Validation failed",
        "unauthorized" => "Unauthorized",
        "forbidden" => "Forbidden",
        "not_lock_holder" => "Not the lock holder",
        "not_found" => "Not found",
        "no_lock" => "No lock",
        "lock_held" => "Lock held by another user",
        "version_conflict" => "Version conflict",
        "stale_lock_token" => "Stale lock token",
        "no_pending_request" => "No pending request",
        "slot_full" => "Slot full",
        "slot_unavailable" => "Slot unavailable",
        "slot_overlap" => "Slot overlap",
        "slot_has_bookings" => "Slot has bookings",
        "booking_conflict" => "Booking conflict",
        "hold_expired" => "Hold expired",
        "invalid_transition" => "Invalid status transition",
        "email_taken" => "Email taken",
        "lock_required" => "Lock required",
        "rate_limited" => "Too many requests",
        "already_lock_holder" => "Already the lock holder",
        "request_pending" => "Another request is pending",
        "local_login_disabled" => "Local sign-in disabled",
        "method_not_allowed" => "Method not allowed",
        "unsupported_media_type" => "Unsupported media type",
        "conflict" => "Conflict",
        _ => "Request failed",
    };
}

internal static class ProblemMetadata
{
    /// <summary>
    /// Documents in OpenAPI that the endpoint may answer each of these statuses with a problem. A 400
    /// is a validation problem: a value that does not bind (a path that is not a GUID, malformed JSON)
    /// answers with <c>errors</c> keyed by the field, like a failed validation.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            if (status == StatusCodes.Status400BadRequest)
            {
                builder.ProducesValidationProblem();
            }
            else
            {
                builder.ProducesProblem(status);
            }
        }
        return builder;
    }
}

