using CleanLedger.Application;
using CleanLedger.Infrastructure.Hosting.Secrets;
using Microsoft.AspNetCore.Builder;

namespace CleanLedger.Infrastructure.Hosting;

/// <summary>What both hosts (Api, Admin) start with. Each host adds its own generated Mediator.</summary>
public static class CleanLedgerHost
{
    /// <summary>
    /// A builder in the process's environment (local when none is named) whose settings passed
    /// the start-up guards, with the Application and Infrastructure registered. Secrets Manager, when
    /// configured, is read before the guards run.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", AppEnvironments.FromProcess());
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSecretsManager();
        StartupGuards.EnsureSafe(builder.Environment, builder.Configuration);
        builder.Services.AddApplication().AddInfrastructure(builder.Configuration);
        return builder;
    }
}
