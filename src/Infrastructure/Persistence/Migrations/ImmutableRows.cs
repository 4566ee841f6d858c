namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>The triggers that refuse any UPDATE or DELETE of a table's rows, whoever asks.</summary>
public static class ImmutableRows
{
    /// <summary>PostgreSQL: the trigger on <paramref name="table"/>; refuse_change_of_books() is made by M0002.</summary>
    public static string PostgresTrigger(string table) => $"""
        CREATE TRIGGER {PostgresTriggerName(table)} BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION refuse_change_of_books();
        """;

    public static string PostgresTriggerName(string table) => $"{table}_immutable";

    public static string SqliteTriggers(string table) => SqliteRefusal(table, "UPDATE") + "\n" + SqliteRefusal(table, "DELETE") + "\n";

    /// <summary>SQLite: one trigger refusing <paramref name="statement"/> (UPDATE or DELETE); named <see cref="SqliteTriggerName"/>.</summary>
    public static string SqliteRefusal(string table, string statement) => $"""
        CREATE TRIGGER {SqliteTriggerName(table, statement)} BEFORE {statement} ON {table}
        BEGIN SELECT RAISE(ABORT, 'Posted bookkeeping records are never changed or deleted ({table}).'); END;
        """;

    public static string SqliteTriggerName(string table, string statement) => $"{table}_no_{statement.ToLowerInvariant()}";
}
