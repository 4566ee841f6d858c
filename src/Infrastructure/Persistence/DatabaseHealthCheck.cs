using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanLedger.Infrastructure.Persistence;

/// <summary>Healthy when a connection opens and answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(SqlDialect dialect) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dialect.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{dialect.Provider} is unreachable: {exception.Message}");
        }
    }
}
