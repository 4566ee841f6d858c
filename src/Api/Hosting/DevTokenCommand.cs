using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Access;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Infrastructure.Persistence.Organizations;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// <c>dev-token --user ID [--name NAME] [--org ORGID --role owner|accountant|bookkeeper|viewer | --role admin]</c>:
/// prints a token signed with the development key (the one this machine generated, see <see cref="DevTokens"/>). With an organisation it also makes the
/// user a member with that role in the configured database, so the token works at once. Refused
/// outside local/test/ci.
/// </summary>
public static class DevTokenCommand
{
    public const string Name = "dev-token";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (!app.Environment.AllowsDevelopmentShortcuts())
        {
            await Console.Error.WriteLineAsync($"dev-token is refused in '{app.Environment.EnvironmentName}': only local, test and ci sign tokens locally.");
            return 2;
        }

        if (!TryParse(args, out var userId, out var name, out var orgId, out var role, out var error))
        {
            await Console.Error.WriteLineAsync($"{error}{Environment.NewLine}usage: dev-token --user <uuid> [--name <name>] [--org <uuid> --role owner|accountant|bookkeeper|viewer] [--role admin]");
            return 2;
        }

        var auth = app.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var now = TimeProvider.System.GetUtcNow();
        if (orgId is { } org && role is not "admin")
            await GrantMembershipAsync(app.Services, org, userId, name, Enum.Parse<OrgRole>(role!, ignoreCase: true), now);

        Console.WriteLine(DevTokens.Create(auth, app.Environment, userId, name, platformRole: role == "admin" ? PlatformRole.Admin : null, TimeSpan.FromHours(12), now));
        return 0;
    }

    private static async Task GrantMembershipAsync(IServiceProvider services, Guid orgId, Guid userId, string name, OrgRole role, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrgContext>().Enter(orgId);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        var store = scope.ServiceProvider.GetRequiredService<OrganizationStore>();
        if (await store.FindAsync(orgId, CancellationToken.None) is null)
            throw new InvalidOperationException($"Organisation {orgId} does not exist in this database.");

        await store.EnsureAsync(userId, name, now, CancellationToken.None);
        await store.SetMemberRoleAsync(orgId, userId, role, now, CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }

    private static bool TryParse(string[] args, out Guid userId, out string name, out Guid? orgId, out string? role, out string error)
    {
        (userId, name, orgId, role, error) = (Guid.Empty, "", null, null, "");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            values[args[i]] = args[i + 1];

        if (!values.TryGetValue("--user", out var user) || !Guid.TryParse(user, out userId))
            return Fail("--user must be a UUID.", out error);
        name = values.GetValueOrDefault("--name", $"Dev user {userId.ToString()[..8]}");
        role = values.GetValueOrDefault("--role")?.ToLowerInvariant();
        if (role is not (null or "admin") && !Enum.TryParse<OrgRole>(role, ignoreCase: true, out _))
            return Fail($"--role '{role}' is not one of owner, accountant, bookkeeper, viewer, admin.", out error);
        if (values.TryGetValue("--org", out var org))
        {
            if (!Guid.TryParse(org, out var parsed))
                return Fail("--org must be a UUID.", out error);
            if (role is null)
                return Fail("--org needs --role.", out error);
            orgId = parsed;
        }

        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
