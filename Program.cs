using Locking.Features.CreateUser;
using Locking.Features.GetUser;
using Locking.Features.ListUsers;
using Locking.Features.Login;
using Locking.Features.Me;
using Locking.Features.Register;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Docs;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Health;
using Locking.Infrastructure.Logging;
using Locking.Infrastructure.Proxy;
using Locking.Infrastructure.RateLimiting;
using Locking.Infrastructure.Realtime;

var builder = WebApplication.CreateBuilder(args);

// Structured logs first, so every later step can report through them.
builder.AddLogging();
// Problem details for every error, JSON options and request validation.
builder.Services.AddErrorHandling();
// SQLite: connection factory, migrations, write retry, demo data.
builder.Services.AddData(builder.Configuration);
// JWT sign-in, roles and the policies built on them.
builder.AddAuth();
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddRealtime();
builder.Services.AddApiDocs();
builder.Services.AddHealth();

var app = builder.Build();

// Proxy headers, errors, logging, then auth: the order each request meets them.
app.UseProxyHeaders();
app.UseRequestLogging();
app.UseErrorHandling();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

// Operations: docs, health, the hub.
app.MapApiDocs();
app.MapHealth();
app.MapRealtime();

// Auth and users.
var api = app.MapGroup("/api");
api.MapRegister();
api.MapLogin();
api.MapMe();
api.MapCreateUser();
api.MapListUsers();
api.MapGetUser();

app.Run();

/// <summary>Entry point, public so the integration tests can host it.</summary>
public partial class Program;
