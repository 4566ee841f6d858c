using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanLedger.Infrastructure.Persistence;

/// <summary>How a database refused a write, as far as the answer to the caller depends on it.</summary>
public enum ConstraintKind
{
    /// <summary>A unique key: two requests that each checked first and then wrote the same thing at once; the second lost the race.</summary>
    Unique,

    /// <summary>A foreign key: the row referred to is not (or no longer) there.</summary>
    Reference,

    /// <summary>A value the schema does not take: too long, failing a check, missing, or text the engine cannot store.</summary>
    Value,
}

/// <summary>
/// Recognises a constraint of either engine that refused a write (ADR 0004, ADR 0016). The
/// request's transaction rolled back, so nothing of it was saved: the answer is a conflict or an
/// unprocessable value, never a server error.
/// </summary>
public static class ConstraintViolation
{
    // SQLite's extended result codes (sqlite.org/rescode.html).
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteForeignKey = 787;
    private const int SqliteCheck = 275;
    private const int SqliteNotNull = 1299;

    private static readonly HashSet<string> PostgresValueStates =
    [
        PostgresErrorCodes.StringDataRightTruncation,
        PostgresErrorCodes.CheckViolation,
        PostgresErrorCodes.NotNullViolation,
        PostgresErrorCodes.UntranslatableCharacter,
        PostgresErrorCodes.CharacterNotInRepertoire,
        PostgresErrorCodes.NumericValueOutOfRange,
        PostgresErrorCodes.DatetimeFieldOverflow,
    ];

    public static ConstraintKind? Of(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                case SqliteException { SqliteExtendedErrorCode: SqliteUnique or SqlitePrimaryKey }:
                    return ConstraintKind.Unique;
                case PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }:
                case SqliteException { SqliteExtendedErrorCode: SqliteForeignKey }:
                    return ConstraintKind.Reference;
                case PostgresException postgres when PostgresValueStates.Contains(postgres.SqlState):
                case SqliteException { SqliteExtendedErrorCode: SqliteCheck or SqliteNotNull }:
                    return ConstraintKind.Value;
            }
        }

        return null;
    }
}
