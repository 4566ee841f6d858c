namespace CleanLedger.Application.Common.Persistence;

/// <summary>
/// The transaction a command runs in. The unit-of-work behavior begins it after the command was
/// scoped and checked (ending the read-only transaction the check used), and commits it when the
/// handler returns; nothing else commits.
/// </summary>
public interface IUnitOfWork
{
    Task BeginAsync(CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
