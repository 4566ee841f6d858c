using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

public static class SecretsHosting
{
    /// <summary>
    /// With <c>Secrets:Provider=aws</c>: the named secrets join configuration after every other
    /// source (a rotated secret is never shadowed by a stale variable) and are reloaded while the
    /// host runs. Anything else: nothing changes.
    /// </summary>
    public static IHostApplicationBuilder AddSecretsManager(this IHostApplicationBuilder builder)
    {
        var options = SecretsOptions.From(builder.Configuration);
        var violations = options.Violations().ToList();
        if (violations.Count > 0)
            throw new InvalidOperationException($"CleanLedger cannot read its secrets:{Environment.NewLine}- {string.Join($"{Environment.NewLine}- ", violations)}");
        if (!options.UsesAws)
            return builder;

        builder.Configuration.Add(new SecretsManagerConfigurationSource(options, AwsCredentials.From(builder.Configuration), TimeProvider.System));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<SecretsReloader>();
        return builder;
    }
}
