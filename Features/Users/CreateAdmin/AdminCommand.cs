using System.ComponentModel.DataAnnotations;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Hosting;
using Locking.Infrastructure.Logging;

namespace Locking.Features.Users.CreateAdmin;

/// <summary>
/// <c>Locking admin create --email … --name …</c>: the first admin of an install without demo data.
/// The password comes from standard input, so it never shows in the process list or shell history.
/// </summary>
public static class AdminCommand
{
    private const string Usage =
        "Usage: Locking admin create --email <email> --name <name>  (the password is read from standard input)";

    public static bool IsRequested(string[] args) => args is ["admin", ..];

    /// <summary>Runs the command against the configured database; 0 on success, 1 with one line on stderr otherwise.</summary>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, TextReader input, TextWriter output, TextWriter error,
        CancellationToken ct = default)
    {
        if (!TryParse(args, out var email, out var name))
        {
            await error.WriteLineAsync(Usage);
            return 1;
        }
        var password = ReadPassword(input, error);
        if (PasswordRules.Weakness(password, email) is { } weakness)
        {
            await error.WriteLineAsync($"Refused: {weakness}");
            return 1;
        }
        try
        {
            await using var app = Build(builder);
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
            var users = app.Services.GetRequiredService<UserAccounts>();
            var outcome = await users.CreateOrPromoteAdminAsync(email, password!, name, ct);
            await output.WriteLineAsync(outcome switch
            {
                (AdminOutcome.Created, var user) => $"Created admin {user.Email} ({user.Id}).",
                (AdminOutcome.Promoted, var user) => $"{user.Email} is now an admin; their password is unchanged.",
                (_, var user) => $"{user.Email} is already an admin; nothing changed.",
            });
            return 0;
        }
        catch (Exception e) when (e is StartupRefusal or System.Data.Common.DbException)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder)
    {
        // The command prints its one line; the service's start-up chatter stays out of it.
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddLogging();
        builder.Services.AddData(builder.Configuration);
        // The command resolves only the migrator and the users; the database start-up AddData registers
        // (a hosted service) is never run, so Development's check of what it needs is skipped.
        builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = false);
        builder.Services.AddUsers();
        return builder.Build();
    }

    private static bool TryParse(string[] args, out string email, out string name)
    {
        (email, name) = ("", "");
        if (args is not ["admin", "create", .. var options] || options.Length != 4)
        {
            return false;
        }
        for (var i = 0; i < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--email": email = options[i + 1].Trim(); break;
                case "--name": name = options[i + 1].Trim(); break;
                default: return false;
            }
        }
        return new EmailAddressAttribute().IsValid(email) && email.Length <= 254 && name.Length is > 0 and <= 100;
    }

    private static string? ReadPassword(TextReader input, TextWriter error)
    {
        if (input != Console.In || Console.IsInputRedirected)
        {
            return input.ReadLine();
        }
        // At a terminal: prompt, and echo nothing.
        error.Write("Password: ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        error.WriteLine();
        return typed.ToString();
    }
}

/// <summary>What an admin account's password must be: long, mixed, and not the email.</summary>
internal static class PasswordRules
{
    public const int MinLength = 12;

    /// <summary>Why <paramref name="password"/> is too weak, or null when it will do.</summary>
    public static string? Weakness(string? password, string email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "no password was given on standard input.";
        }
        if (password.Length < MinLength || password.Length > 128)
        {
            return $"the password must be {MinLength} to 128 characters long.";
        }
        var kinds = new[] { password.Any(char.IsLower), password.Any(char.IsUpper), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) };
        if (kinds.Count(k => k) < 3)
        {
            return "the password must mix at least three of: lower case, upper case, digits, symbols.";
        }
        var local = email.Split('@')[0];
        return local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase)
            ? "the password must not contain the email address."
            : null;
    }
}
