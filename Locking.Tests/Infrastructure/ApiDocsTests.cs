using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Locking.Infrastructure.Auth;

using Locking.Tests.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Locking.Tests.Infrastructure;

public sealed class ApiDocsTests(LockingApp app) : IClassFixture<LockingApp>
{
    private const string NotAValue = "not-a-value";

    [Fact]
    public async Task OpenApi_EveryDateTime_IsAString_AndNullableOnesAlsoAllowNull()
    {
        var document = await DocumentAsync();
        var dateTimes = new List<(string Where, JsonElement Schema)>();
        Collect(document, "", dateTimes);

        // Properties and query parameters both: AppointmentView, BookingView, LockView, … and ?from&to.
        Assert.True(dateTimes.Count >= 30, $"only {dateTimes.Count} date-time schemas found");
        foreach (var (where, schema) in dateTimes)
        {
            Assert.True(TypesOf(schema).Contains("string"), $"{where} has format date-time but no type string: {schema}");
        }
        var booking = document.GetProperty("components").GetProperty("schemas").GetProperty("BookingView").GetProperty("properties");
        Assert.Equal(["string"], TypesOf(booking.GetProperty("startTime")));
        Assert.Equal(["null", "string"], TypesOf(booking.GetProperty("expiresAt")).Order());
    }

    [Fact]
    public async Task OpenApi_Documents400_ExactlyOnTheRoutesThatAnswer400ToMalformedInput()
    {
        var admin = await app.ClientFor(Role.Admin);
        var paths = (await DocumentAsync()).GetProperty("paths");
        List<string> wrong = [];
        var probed = 0;
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var route = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var answered400 = false;
                foreach (var probe in Probes(operation.Name, path.Name, operation.Value))
                {
                    probed++;
                    using var response = await admin.Client.SendAsync(probe);
                    if (response.StatusCode == HttpStatusCode.BadRequest)
                    {
                        answered400 = true;
                        await response.AssertProblemAsync(400, "validation_failed");
                    }
                }
                var responses = operation.Value.GetProperty("responses");
                var documents400 = responses.TryGetProperty("400", out var documented)
                    && documented.GetProperty("content").TryGetProperty("application/problem+json", out _);
                if (answered400 != documents400)
                {
                    wrong.Add($"{route}: answers 400 {answered400}, documents it {documents400}");
                }
            }
        }
        Assert.True(probed >= 50, $"only {probed} probes sent");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task OpenApi_Documents401_ExactlyOnTheRoutesThatNeedASignIn_AndEvery404And403TheyAnswer()
    {
        var patient = await app.ClientFor(Role.Patient);
        var admin = await app.ClientFor(Role.Admin);
        var anonymous = app.CreateClient();
        var paths = (await DocumentAsync()).GetProperty("paths");
        List<string> wrong = [];
        var probed = 0;
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var route = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var responses = operation.Value.GetProperty("responses");
                probed++;
                using (var response = await anonymous.SendAsync(WellFormed(operation.Name, path.Name, operation.Value)))
                {
                    var answered = response.StatusCode == HttpStatusCode.Unauthorized;
                    // Login is open to all; its 401 means wrong credentials.
                    var documented = responses.TryGetProperty("401", out _);
                    if (answered != documented && !(route == "POST /api/auth/login" && documented && await WrongPasswordIs401Async(anonymous)))
                    {
                        wrong.Add($"{route}: answers 401 to no sign-in {answered}, documents it {documented}");
                    }
                }
                // An admin may do anything: on ids that exist nowhere, every 404 that comes back must be documented.
                using (var response = await admin.Client.SendAsync(WellFormed(operation.Name, path.Name, operation.Value)))
                {
                    if (response.StatusCode == HttpStatusCode.NotFound && !responses.TryGetProperty("404", out _))
                    {
                        wrong.Add($"{route}: answers 404 for an unknown id but does not document it");
                    }
                }
                // A patient is refused most staff routes: each refusal must be documented (403 can also mean "not yours").
                using (var response = await patient.Client.SendAsync(WellFormed(operation.Name, path.Name, operation.Value)))
                {
                    if (response.StatusCode == HttpStatusCode.Forbidden && !responses.TryGetProperty("403", out _))
                    {
                        wrong.Add($"{route}: answers a patient 403 but does not document it");
                    }
                }
            }
        }
        Assert.True(probed >= 40, $"only {probed} routes probed");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task OpenApi_Documents429_ExactlyOnTheRateLimitedRoutes()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.GetProperty("responses").TryGetProperty("429", out _))
                .Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .Order().ToList();
        var limited = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order().ToList();
        Assert.NotEmpty(limited);
        Assert.Equal(limited, documented);
    }

    private static async Task<bool> WrongPasswordIs401Async(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@example.com", password = "not the password" });
        return response.StatusCode == HttpStatusCode.Unauthorized;
    }

    /// <summary>A request the route can parse: a fresh GUID for each path parameter, an empty JSON object as the body.</summary>
    private static HttpRequestMessage WellFormed(string method, string template, JsonElement operation)
    {
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Regex.Replace(template, "{[^}]+}", Guid.NewGuid().ToString()));
        if (operation.TryGetProperty("requestBody", out _))
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return request;
    }

    /// <summary>
    /// One malformed request per kind of input the operation takes: a path that is not a GUID, a body
    /// that is not JSON, each query parameter with a value of no type. No input, no probe.
    /// </summary>
    private static IEnumerable<HttpRequestMessage> Probes(string method, string template, JsonElement operation)
    {
        var verb = new HttpMethod(method.ToUpperInvariant());
        var valid = Regex.Replace(template, "{[^}]+}", Guid.NewGuid().ToString());
        if (template.Contains('{', StringComparison.Ordinal))
        {
            yield return new HttpRequestMessage(verb, Regex.Replace(template, "{[^}]+}", NotAValue));
        }
        if (operation.TryGetProperty("requestBody", out _))
        {
            yield return new HttpRequestMessage(verb, valid) { Content = new StringContent("{\"unclosed\": ", Encoding.UTF8, "application/json") };
        }
        var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : default;
        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "query"))
        {
            yield return new HttpRequestMessage(verb, $"{valid}?{parameter.GetProperty("name").GetString()}={NotAValue}");
        }
    }

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

    private static void Collect(JsonElement node, string where, List<(string, JsonElement)> found)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "date-time")
                {
                    found.Add((where, node));
                }
                foreach (var property in node.EnumerateObject())
                {
                    Collect(property.Value, $"{where}/{property.Name}", found);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, $"{where}/{i++}", found);
                }
                break;
        }
    }

    private static string[] TypesOf(JsonElement schema) => !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
        : [type.GetString()!];
}
