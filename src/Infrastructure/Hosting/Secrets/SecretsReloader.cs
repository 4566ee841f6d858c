using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanLedger.Infrastructure.Hosting.Secrets;

/// <summary>
/// Reads the secrets again every <see cref="SecretsOptions.ReloadInterval"/> while the host runs.
/// A failed reload keeps the last good values and logs a warning naming the secret and the reason.
/// </summary>
public sealed partial class SecretsReloader(IConfiguration configuration, TimeProvider clock, ILogger<SecretsReloader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var provider = (configuration as IConfigurationRoot)?.Providers.OfType<SecretsManagerConfigurationProvider>().SingleOrDefault();
        if (provider is null)
            return;

        using var timer = new PeriodicTimer(provider.ReloadInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await provider.ReloadAsync(stoppingToken);
            }
            catch (SecretsManagerException e)
            {
                ReloadFailed(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secrets Manager reload failed; the last good values stay in use: {Reason}")]
    private partial void ReloadFailed(string reason);
}
