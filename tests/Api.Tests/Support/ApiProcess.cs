using System.Diagnostics;

namespace CleanLedger.Api.Tests.Support;

/// <summary>The built Api executable, run as its own process with the given environment and settings.</summary>
public static class ApiProcess
{
    public static ProcessStartInfo StartInfo(string environment, IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CleanLedger.Api.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

    /// <summary>Runs a command of the Api (such as dev-token) to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string environment, IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(environment, settings, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Starts the Api's server in the test environment at <paramref name="address"/> and waits until it answers /healthz.</summary>
    public static async Task<Process> ServeAsync(IReadOnlyDictionary<string, string?> settings, Uri address)
    {
        var api = Process.Start(StartInfo("test", settings, "--urls", address.ToString()))!;
        using var client = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                    return api;
            }
            catch (HttpRequestException) when (!api.HasExited)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        api.Kill(entireProcessTree: true);
        api.Dispose();
        throw new TimeoutException("The Api did not start.");
    }
}
