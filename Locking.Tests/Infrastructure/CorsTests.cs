using System.Net;
using System.Net.Http.Json;
using Locking.Infrastructure.Auth;

using Locking.Tests.TestHost;

namespace Locking.Tests.Infrastructure;

public sealed class CorsTests
{
    private const string Front = "https://front.clinic.example";

    private static HttpRequestMessage Preflight(string url, string origin, string method = "POST")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    [Fact]
    public async Task AllowedOrigin_MayCallTheApiAndTheHub_WithCredentials_AndOthersMayNot()
    {
        await using var app = LockingApp.With(new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = $"{Front}, http://localhost:5173" });
        var client = app.CreateClient();

        foreach (var url in new[] { "/api/auth/login", "/api/appointments/" + Guid.NewGuid() + "/acquire-lock", "/hubs/locking/negotiate?negotiateVersion=1" })
        {
            var allowed = await client.SendAsync(Preflight(url, Front));
            Assert.True(allowed.IsSuccessStatusCode, $"{url}: {(int)allowed.StatusCode}");
            Assert.Equal(Front, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Equal("true", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Credentials")));

            var other = await client.SendAsync(Preflight(url, "https://evil.example"));
            Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"), url);
        }

        // The actual call carries the header, and exposes what a front end reads.
        var staff = await app.ClientFor(Role.Staff);
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/appointments") { Content = JsonContent.Create(TestData.AppointmentBody()) };
        create.Headers.Add("Origin", "http://localhost:5173");
        var created = await staff.Client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("http://localhost:5173", Assert.Single(created.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Location", Assert.Single(created.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByDefault_CorsIsOff_AndNoOriginIsAllowed()
    {
        await using var app = new LockingApp();
        var response = await app.CreateClient().SendAsync(Preflight("/api/auth/login", Front));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
