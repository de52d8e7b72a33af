using System.Security.Cryptography;
using System.Text;
using Locking.Infrastructure.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Locking.Infrastructure.Auth;

/// <summary>The <c>Auth:*</c> settings, checked once at start-up.</summary>
internal sealed record AuthSettings(SymmetricSecurityKey? Key, string? Authority, string Issuer, string Audience, int TokenMinutes);

internal static class AuthSetup
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var settings = ReadSettings(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<Tokens>();
        services.AddSingleton<TokenSubjects>();
        services.AddUsers();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (settings.Authority is not null)
            {
                o.Authority = settings.Authority;
            }
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.Key,
                ValidateIssuerSigningKey = settings.Key is not null,
                NameClaimType = Claims.Name,
                RoleClaimType = Claims.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on a WebSocket: the hub takes the token from the query.
                OnMessageReceived = context =>
                {
                    if (context.HttpContext.Request.Path.StartsWithSegments("/hubs")
                        && context.Request.Query["access_token"] is { Count: > 0 } token)
                    {
                        context.Token = token;
                    }
                    return Task.CompletedTask;
                },
                // A signature proves who minted the token, not that its user still exists here with that role.
                OnTokenValidated = async context =>
                {
                    if (settings.Authority is null
                        && await context.HttpContext.RequestServices.GetRequiredService<TokenSubjects>()
                            .RefusalAsync(context.Principal!, context.HttpContext.RequestAborted) is { } refusal)
                    {
                        context.Fail(refusal);
                    }
                },
            };
        });
        // Lifetimes are judged by the app's clock, the same one that issued the token; a token without exp never passes.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((o, clock) => o.TokenValidationParameters.LifetimeValidator =
                (notBefore, expires, _, p) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore <= now + p.ClockSkew) && expires is not null && expires >= now - p.ClockSkew;
                });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(RoleNames.Admin))
            .AddPolicy(Policies.Editor, p => p.RequireRole(RoleNames.Admin, RoleNames.Staff, RoleNames.Doctor))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Booker, p => p.RequireRole(RoleNames.Admin, RoleNames.Staff, RoleNames.Patient));
        return builder;
    }

    /// <summary>The users table and password hashing: what sign-in and the admin command share.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<IPasswordHasher<UserRow>, PasswordHasher<UserRow>>();
        return services;
    }

    private static AuthSettings ReadSettings(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Auth");
        var keyText = section["SigningKey"];
        var authority = string.IsNullOrWhiteSpace(section["Authority"]) ? null : section["Authority"];
        SymmetricSecurityKey? key = null;
        if (!string.IsNullOrEmpty(keyText))
        {
            if (Encoding.UTF8.GetByteCount(keyText) < 32)
            {
                throw new StartupRefusal("Refusing to start: Auth:SigningKey is shorter than 32 bytes; use a random key of at least 32 bytes (for example `openssl rand -base64 48`).");
            }
            key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(keyText));
        }
        else if (environment.IsDevelopment())
        {
            key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));
            Serilog.Log.ForContext(typeof(AuthSetup)).Warning("Auth:SigningKey is not set: using a random key for this run; tokens will not survive a restart");
        }
        else if (authority is null)
        {
            throw new StartupRefusal(
                "Refusing to start: Auth:SigningKey is not set (set Auth__SigningKey to a random key of at least 32 bytes, or Auth:Authority for an external issuer).");
        }
        return new AuthSettings(key, authority, section["Issuer"] ?? "locking", section["Audience"] ?? "locking",
            configuration.Number("Auth:TokenMinutes", 60, 1, 7 * 24 * 60));
    }
}
