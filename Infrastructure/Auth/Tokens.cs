using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Locking.Infrastructure.Auth;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, UserView User);

/// <summary>Mints the HS256 access tokens that the bearer handler and the hub accept.</summary>
internal sealed class Tokens(AuthSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public bool CanIssue => settings.Key is not null;

    public TokenResponse Issue(UserView user)
    {
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(settings.TokenMinutes);
        var claims = new List<Claim>
        {
            new(Claims.Subject, user.Id.ToString()),
            new(Claims.Email, user.Email),
            new(Claims.Name, user.Name),
            new(Claims.RoleClaim, user.Role.ToClaim()),
        };
        if (user.DoctorId is { } doctorId)
        {
            claims.Add(new Claim(Claims.DoctorIdClaim, doctorId.ToString()));
        }
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, user);
    }
}
