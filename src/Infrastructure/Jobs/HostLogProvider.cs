using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace CleanLedger.Infrastructure.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider, set by whichever host configured it last. Where
/// several hosts share a process and one stops (tests restarting a job server), its disposed logger
/// factory must not take the others' workers down: logging then falls silent instead of throwing.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggers) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try
        {
            return new HostLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class HostLog(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
