using Microsoft.Extensions.Hosting;

namespace CleanLedger.Infrastructure.Hosting;

/// <summary>The five environments of the policy table in docs/architecture.md.</summary>
public static class AppEnvironments
{
    public const string Local = "local";
    public const string Test = "test";
    public const string Ci = "ci";
    public const string Staging = "staging";
    public const string Production = "production";

    /// <summary>The environment a host runs in when none is named.</summary>
    public static string FromProcess() =>
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
        ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
        ?? Local;

    /// <summary>local, test and ci: stub sign-in, dev tokens and CORS for origins on this machine are allowed.</summary>
    public static bool AllowsDevelopmentShortcuts(this IHostEnvironment environment) =>
        environment.EnvironmentName is Local or Test or Ci;
}
