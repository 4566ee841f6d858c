namespace CleanLedger.Application.Common.IO;

/// <summary>
/// Reads through to another stream, counting the bytes read (an import's progress), and throws
/// <see cref="ReadLimitExceededException"/> once more than <paramref name="limit"/> bytes have been
/// read (a decoder's output that must not grow past a budget).
/// </summary>
public sealed class CountingReadStream(Stream inner, long limit = long.MaxValue) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(int read)
    {
        BytesRead += read;
        return BytesRead > limit ? throw new ReadLimitExceededException(limit) : read;
    }
}

/// <summary>More than the limit was read through a <see cref="CountingReadStream"/>.</summary>
public sealed class ReadLimitExceededException(long limit) : Exception($"More than {limit} bytes were read.");
