using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Admin.Tests.Staff;

/// <summary>
/// The Admin with the test OpenID Provider as the company's identity provider, reached over real
/// HTTP. Served at https://localhost: the handler's correlation and nonce cookies are Secure.
/// </summary>
public abstract class StaffAdminFactory(DatabaseProvider provider) : AdminFactory(provider)
{
    public static readonly Uri BaseAddress = new("https://localhost");

    private OidcClient _client = null!;

    /// <summary>The time the session cookie sees; a test moves it on to reach the session's limits.</summary>
    public SessionClock SessionClock { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = await OidcTestProvider.RegisterClientAsync(OidcTestProvider.SecretInForm, new Uri(BaseAddress, "/signin-oidc"));
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Oidc:Authority"] = OidcTestProvider.Issuer.ToString(),
        ["Admin:Oidc:ClientId"] = _client.ClientId,
        ["Admin:Oidc:ClientSecret"] = _client.ClientSecret,
        ["Admin:Oidc:Scopes:0"] = "profile",
        ["Admin:Oidc:Scopes:1"] = "email",
        ["Admin:Oidc:Scopes:2"] = "roles",
        // Every test here signs in at least once; the sign-in page's own limit has tests of its own.
        ["RateLimiting:Credentials:PermitLimit"] = "1000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.PostConfigure<CookieAuthenticationOptions>(
            CookieAuthenticationDefaults.AuthenticationScheme, options => options.TimeProvider = SessionClock));
    }
}

public sealed class PostgresStaffAdminFactory() : StaffAdminFactory(DatabaseProvider.Postgres);

public sealed class SqliteStaffAdminFactory() : StaffAdminFactory(DatabaseProvider.Sqlite);

/// <summary>The system clock moved on by however much a test says.</summary>
public sealed class SessionClock : TimeProvider
{
    private long _aheadTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _aheadTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _aheadTicks, by.Ticks);
}
