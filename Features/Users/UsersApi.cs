using Locking.Features.Users.CreateUser;
using Locking.Features.Users.GetUser;
using Locking.Features.Users.ListUsers;
using Locking.Features.Users.Login;
using Locking.Features.Users.Me;
using Locking.Features.Users.Register;
using Locking.Infrastructure.Auth;

namespace Locking.Features.Users;

/// <summary>Accounts: signing up and in, who am I, and the admins' user management.</summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapRegister("/register");
        auth.MapLogin("/login");
        auth.MapMe("/me");

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.SignedIn);
        users.MapCreateUser("");
        users.MapListUsers("");
        users.MapGetUser("/{id}");
        return api;
    }
}
