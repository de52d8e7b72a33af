using System.Text;
using Locking.Infrastructure.Auth;

using Locking.Tests.TestHost;

namespace Locking.Tests.Infrastructure;

public sealed class ErrorTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("not json at all")]
    [InlineData("{\"email\": 42, \"password\": \"Secret123!\", \"name\": \"x\"}")]
    [InlineData("[]")]
    public async Task MalformedOrMistypedJson_Returns400Problem(string body)
    {
        var response = await app.CreateClient().PostAsync("/api/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task EmptyBody_Returns400Problem()
    {
        var response = await app.CreateClient().PostAsync("/api/auth/login", new StringContent("", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task InvalidGuidInPath_Returns400Problem()
    {
        var admin = await app.ClientFor(Role.Admin);
        var response = await admin.Client.GetAsync("/api/users/not-a-guid");
        await response.AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        await (await app.CreateClient().GetAsync("/api/no-such-thing")).AssertProblemAsync(404, "not_found");
        // A page address (/nothing/here) now serves the browser app (BrowserAppServingTests); a missing file does not.
        await (await app.CreateClient().GetAsync("/nothing/here.txt")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task MissingResource_Returns404Problem()
    {
        var admin = await app.ClientFor(Role.Admin);
        await (await admin.Client.GetAsync($"/api/users/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        var response = await app.CreateClient().DeleteAsync("/api/auth/login");
        await response.AssertProblemAsync(405, "method_not_allowed");
    }

    [Fact]
    public async Task WrongContentType_Returns415Problem()
    {
        var response = await app.CreateClient().PostAsync("/api/auth/login", new StringContent("email=a", Encoding.UTF8, "text/plain"));
        await response.AssertProblemAsync(415, "unsupported_media_type");
    }
}
