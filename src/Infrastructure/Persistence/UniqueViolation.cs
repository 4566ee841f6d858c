using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanLedger.Infrastructure.Persistence;

/// <summary>
/// Recognises a unique constraint that refused a write: two requests that each checked first and
/// then wrote the same thing at once (reversing one verification twice). The second lost the race;
/// nothing of it was written, and the answer is a conflict, not a server error.
/// </summary>
public static class UniqueViolation
{
    // SQLite's SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    public static bool Caused(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                or SqliteException { SqliteExtendedErrorCode: SqliteUnique or SqlitePrimaryKey })
                return true;
        }

        return false;
    }
}
