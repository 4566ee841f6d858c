using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CleanLedger.Api.Hosting;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Api.Tests.Edge;

/// <summary>
/// A caller who may not upload is refused before the server reads the body: a 100 MB upload by a
/// non-member or a viewer is answered having taken in (far) less than a megabyte. Both engines.
/// </summary>
public abstract class PermissionBeforeBodyTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : MeteredApiFactory
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    /// <summary>What the transport may buffer ahead of a server that reads nothing, with room to spare.</summary>
    private const long UnreadAllowance = 1024 * 1024;

    [Theory]
    [MemberData(nameof(UploadRefusals.Refusals), MemberType = typeof(UploadRefusals))]
    public async Task A_caller_without_the_permission_is_refused_before_the_body_is_read(string route, string? role, HttpStatusCode expected)
    {
        var caller = TestUser.New("Mallory");
        if (role is not null)
            (await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/members/{caller.Id}", new { role })).EnsureSuccessStatusCode();

        var response = await SendHundredMegabytesAsync(Factory.ClientFor(caller), route);

        await response.ShouldBeProblemAsync(expected);
        Factory.Meter.BytesRead(response.RequestMessage!.Headers.GetValues(BodyMeter.RequestHeader).Single()).ShouldBeLessThan(UnreadAllowance);
    }

    [Fact]
    public async Task A_member_who_may_upload_has_the_body_read_which_the_measure_sees()
    {
        var response = await SendHundredMegabytesAsync(Client, "documents");

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Factory.Meter.BytesRead(response.RequestMessage!.Headers.GetValues(BodyMeter.RequestHeader).Single())
            .ShouldBeGreaterThan(20L * 1024 * 1024, "documents are read up to their 20 MB cap");
    }

    private async Task<HttpResponseMessage> SendHundredMegabytesAsync(HttpClient client, string route)
    {
        var body = new StreamContent(new GeneratedMultipart(HundredMegabytes));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={GeneratedMultipart.Boundary}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orgs/{OrgId}/{route}") { Content = body };
        request.Headers.Add(BodyMeter.RequestHeader, Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    [Fact]
    public void Every_route_that_takes_a_multipart_body_checks_the_permission_first()
    {
        var uploads = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(endpoint => endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>()
                .Any(accepts => accepts.ContentTypes.Contains("multipart/form-data")))
            .ToList();

        uploads.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var endpoint in uploads)
            endpoint.Metadata.GetMetadata<PermissionBeforeBodyMetadata>().ShouldNotBeNull(endpoint.DisplayName);
    }
}

public sealed class PermissionBeforeBodyTestsOnPostgres(PostgresMeteredApiFactory factory) : PermissionBeforeBodyTests<PostgresMeteredApiFactory>(factory);

public sealed class PermissionBeforeBodyTestsOnSqlite(SqliteMeteredApiFactory factory) : PermissionBeforeBodyTests<SqliteMeteredApiFactory>(factory);

/// <summary>Who may not use each upload route, and the answer they get.</summary>
public static class UploadRefusals
{
    public static TheoryData<string, string?, HttpStatusCode> Refusals() => new()
    {
        { "documents", null, HttpStatusCode.NotFound },
        { "documents", "viewer", HttpStatusCode.Forbidden },
        { "imports/sie", null, HttpStatusCode.NotFound },
        { "imports/sie", "viewer", HttpStatusCode.Forbidden },
        { "imports/sie", "bookkeeper", HttpStatusCode.Forbidden },
    };
}

/// <summary>
/// A multipart body with one file part of the given number of bytes, made as it is read, never
/// held whole.
/// </summary>
internal sealed class GeneratedMultipart(long fileBytes) : Stream
{
    public const string Boundary = "cleanledger-test-boundary";

    private static readonly byte[] Head = Encoding.ASCII.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");

    private static readonly byte[] Tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");

    private long _position;

    public override long Length => Head.Length + fileBytes + Tail.Length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var at = _position;
        var tailStart = Head.Length + fileBytes;
        int written;
        if (at < Head.Length)
            written = Copy(Head.AsSpan((int)at), buffer);
        else if (at < tailStart)
        {
            written = (int)Math.Min(buffer.Length, tailStart - at);
            buffer[..written].Clear();
        }
        else if (at < Length)
            written = Copy(Tail.AsSpan((int)(at - tailStart)), buffer);
        else
            written = 0;

        _position += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        var length = Math.Min(from.Length, to.Length);
        from[..length].CopyTo(to);
        return length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}


/// <summary>Counts, per request, the bytes the app read of the request body: the server side of the measure.</summary>
internal sealed class BodyMeter : IStartupFilter
{
    public const string RequestHeader = "X-Test-Body-Meter";

    private readonly ConcurrentDictionary<string, CountingStream> _bodies = new();

    public long BytesRead(string request) => _bodies[request].BytesRead;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[RequestHeader].ToString() is { Length: > 0 } request)
                context.Request.Body = _bodies[request] = new CountingStream(context.Request.Body);
            return nextMiddleware(context);
        });
        next(app);
    };

    private sealed class CountingStream(Stream inner) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        private int Counted(int read)
        {
            Interlocked.Add(ref _read, read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The real Api with a <see cref="BodyMeter"/> in front.</summary>
public abstract class MeteredApiFactory(DatabaseProvider provider) : ApiFactory(provider)
{
    internal BodyMeter Meter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Meter));
    }
}

public sealed class PostgresMeteredApiFactory() : MeteredApiFactory(DatabaseProvider.Postgres);

public sealed class SqliteMeteredApiFactory() : MeteredApiFactory(DatabaseProvider.Sqlite);
