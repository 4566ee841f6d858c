using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CleanLedger.Api.Hosting;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Hosting;
using CleanLedger.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting.Internal;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>
/// The same refusal on the real server: the Api executable on a loopback port, a client that
/// writes a 100 MB SIE upload as fast as the server takes it, and counts what it could send
/// before the answer came. An owner's upload of the same size is taken whole.
/// </summary>
public sealed class PermissionBeforeBodyOnKestrelTests : IAsyncLifetime
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    /// <summary>Kestrel's own read-ahead (1 MB) and the loopback socket buffers, with room to spare: far below the body.</summary>
    private const long TransportAllowance = 24L * 1024 * 1024;

    private readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private Testing.TestDatabase _database = null!;
    private Process _api = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _database = await Testing.TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _port = FreePort();
        var settings = new Dictionary<string, string?>(_database.Settings) { ["Auth:DevSigningKey"] = _signingKey };
        _api = await ApiProcess.ServeAsync(settings, new Uri($"http://127.0.0.1:{_port}"));
    }

    public async Task DisposeAsync()
    {
        _api.Kill(entireProcessTree: true);
        await _api.WaitForExitAsync();
        _api.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_non_member_is_answered_404_and_the_connection_closed_long_before_the_body_is_sent()
    {
        var orgId = await DemoOrganizationAsync();

        var (status, headers, sent) = await UploadAsync(orgId, Token(Guid.NewGuid()));

        status.ShouldBe(404);
        sent.ShouldBeLessThan(TransportAllowance);
        headers.ShouldContain("Connection: close", Case.Insensitive);
    }

    [Fact]
    public async Task The_owner_is_read_in_full_which_the_measure_sees()
    {
        var orgId = await DemoOrganizationAsync();

        var (_, _, sent) = await UploadAsync(orgId, token: null);

        sent.ShouldBe(HundredMegabytes + Multipart.Overhead);
    }

    private async Task<Guid> DemoOrganizationAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        var me = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));
        return me.RootElement.GetProperty("memberships")[0].GetProperty("orgId").GetGuid();
    }

    private string Token(Guid userId) =>
        DevTokens.Create(new AuthOptions { DevSigningKey = _signingKey }, new HostingEnvironment { EnvironmentName = AppEnvironments.Test },
            userId, "Mallory", platformRole: null, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);

    /// <summary>
    /// Writes the request on a raw socket while reading the answer; stops writing once the answer
    /// has come or the server closed. Without a token the request is the stub user, the demo's owner.
    /// </summary>
    private async Task<(int Status, string Headers, long Sent)> UploadAsync(Guid orgId, string? token)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _port);
        var stream = socket.GetStream();
        var authorization = token is null ? "" : $"Authorization: Bearer {token}\r\n";
        var head = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"POST /api/v1/orgs/{orgId}/imports/sie HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\n"
            + $"Content-Type: multipart/form-data; boundary={Multipart.Boundary}\r\n"
            + $"Content-Length: {HundredMegabytes + Multipart.Overhead}\r\n{authorization}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var answer = ReadHeadAsync(stream);
        long sent = 0;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            await stream.WriteAsync(Multipart.Head);
            sent += Multipart.Head.Length;
            while (sent < HundredMegabytes + Multipart.Head.Length && !answer.IsCompleted)
            {
                var size = (int)Math.Min(chunk.Length, HundredMegabytes + Multipart.Head.Length - sent);
                var write = stream.WriteAsync(chunk.AsMemory(0, size)).AsTask();
                // A server that stopped reading leaves the write pending; the answer ends the wait.
                if (await Task.WhenAny(write, answer) != write)
                    break;
                await write;
                sent += size;
            }

            if (!answer.IsCompleted)
            {
                await stream.WriteAsync(Multipart.Tail);
                sent += Multipart.Tail.Length;
            }
        }
        catch (IOException) when (answer.IsCompleted || !socket.Connected)
        {
            // The server answered and closed the connection.
        }

        var headers = await answer.WaitAsync(TimeSpan.FromMinutes(2));
        return (int.Parse(headers.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, sent);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
                break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static class Multipart
    {
        public const string Boundary = "cleanledger-kestrel-boundary";

        public static readonly byte[] Head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stor.se\"\r\nContent-Type: text/plain\r\n\r\n");

        public static readonly byte[] Tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");

        public static long Overhead => Head.Length + Tail.Length;
    }
}
