using System.Data.Common;
using CleanLedger.Application.Common.Persistence;
using CleanLedger.Application.Common.Security;
using Dapper;

namespace CleanLedger.Infrastructure.Persistence;

/// <summary>
/// One connection and one transaction per scope (request or job), scoped to the current user and
/// organisation before every statement. A command's transaction is begun for writing by the
/// unit of work (ending the read-only one its permission check used); a query's is opened
/// read-only on first use, a write in it is refused (by the session and by the engine). Only
/// <see cref="CommitAsync"/> commits; disposing an uncommitted session rolls it back.
/// </summary>
public sealed class DbSession(SqlDialect dialect, ICurrentUser user, OrgContext orgContext) : IUnitOfWork, IAsyncDisposable
{
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private SessionScope _appliedScope;
    private bool _writable;
    private readonly List<Action> _afterCommit = [];

    /// <inheritdoc cref="SqlDialect.InList"/>
    public string InList(string column, string parameter) => dialect.InList(column, parameter);

    /// <inheritdoc cref="SqlDialect.InIdList"/>
    public string InIdList(string column, string parameter) => dialect.InIdList(column, parameter);

    /// <inheritdoc cref="SqlDialect.ForUpdate"/>
    public string ForUpdate => dialect.ForUpdate;

    /// <summary><see cref="SqlDialect.ForShare"/> inside a command's write transaction; empty in a read-only one, which holds nothing.</summary>
    public string ForShareIfWriting => _writable && _transaction is not null ? dialect.ForShare : "";

    /// <summary>
    /// Begins the command's write transaction. A read-only transaction the scope already read in
    /// (the permission check before it) is ended first: the check runs without the write lock,
    /// and the command re-reads what it relies on inside its own transaction.
    /// </summary>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            if (_writable)
                throw new InvalidOperationException("A write transaction is already open in this scope.");
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        await OpenAsync(write: true, cancellationToken);
    }

    public async Task<DbTransaction> TransactionAsync(CancellationToken cancellationToken)
    {
        var transaction = _transaction ?? await OpenAsync(write: false, cancellationToken);

        var scope = new SessionScope(user.IsAuthenticated ? user.UserId : null, orgContext.OrgId, orgContext.IsPlatformScope);
        if (scope != _appliedScope)
        {
            await dialect.ApplyScopeAsync(transaction, scope, cancellationToken);
            _appliedScope = scope;
        }

        return transaction;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var transaction = await TransactionAsync(cancellationToken);
        var rows = await transaction.Connection!.QueryAsync<T>(Command(sql, parameters, transaction, cancellationToken));
        return rows.AsList();
    }

    /// <summary>Rows as they arrive, never all in memory (exports).</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string sql, object? parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var transaction = await TransactionAsync(cancellationToken);
        await foreach (var row in transaction.Connection!.QueryUnbufferedAsync<T>(sql, parameters, transaction).WithCancellation(cancellationToken))
            yield return row;
    }

    /// <summary>Several SELECTs in one round trip; read the grids in order.</summary>
    public async Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var transaction = await TransactionAsync(cancellationToken);
        return await transaction.Connection!.QueryMultipleAsync(Command(sql, parameters, transaction, cancellationToken));
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var transaction = await TransactionAsync(cancellationToken);
        return await transaction.Connection!.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, transaction, cancellationToken));
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        if (!_writable)
            throw new InvalidOperationException("Writes happen only inside a command's unit of work.");
        var transaction = await TransactionAsync(cancellationToken);
        return await transaction.Connection!.ExecuteAsync(Command(sql, parameters, transaction, cancellationToken));
    }

    /// <summary>A write that answers a value (e.g. UPDATE … RETURNING).</summary>
    public async Task<T> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        if (!_writable)
            throw new InvalidOperationException("Writes happen only inside a command's unit of work.");
        var transaction = await TransactionAsync(cancellationToken);
        return await transaction.Connection!.QuerySingleAsync<T>(Command(sql, parameters, transaction, cancellationToken));
    }

    /// <summary>Waits for, then holds until commit, the lock named <paramref name="key"/> (see <see cref="SqlDialect.LockUntilCommit"/>).</summary>
    public async Task LockUntilCommitAsync(string key, CancellationToken cancellationToken)
    {
        if (dialect.LockUntilCommit(nameof(key)) is { } sql)
            await ExecuteAsync(sql, new { key }, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
            return;
        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;

        foreach (var action in _afterCommit)
            action();
        _afterCommit.Clear();
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the current command's transaction has committed (e.g. hands
    /// the new row to a job queue that must not see it before it exists); never if it rolls back.
    /// </summary>
    public void OnCommitted(Action action)
    {
        if (!_writable || _transaction is null)
            throw new InvalidOperationException("Only a command's unit of work has a commit to wait for.");
        _afterCommit.Add(action);
    }

    private async Task<DbTransaction> OpenAsync(bool write, CancellationToken cancellationToken)
    {
        _connection ??= await dialect.OpenAsync(cancellationToken);
        _transaction = await dialect.BeginAsync(_connection, write, cancellationToken);
        _writable = write;
        _appliedScope = default;
        return _transaction;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
            await _transaction.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
