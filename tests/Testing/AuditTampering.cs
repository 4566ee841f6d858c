using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanLedger.Testing;

/// <summary>
/// Changes a stored audit row behind the application's back, as someone with the database's
/// owner or superuser rights could: past the immutability triggers that stop everyone else.
/// </summary>
public static class AuditTampering
{
    public static async Task RewriteSubjectAsync(TestDatabase database, string table, Guid id, string subject)
    {
        if (database is PostgresTestDatabase postgres)
        {
            await using var connection = new NpgsqlConnection(postgres.SuperuserConnectionString);
            await connection.OpenAsync();
            // Replica mode skips the triggers; the superuser is not bound by RLS.
            await using var update = new NpgsqlCommand(
                $"SET session_replication_role = replica; UPDATE {table} SET subject = @subject WHERE id = @id", connection);
            update.Parameters.AddWithValue("subject", subject);
            update.Parameters.AddWithValue("id", id);
            EnsureOneRow(await update.ExecuteNonQueryAsync(), id);
            return;
        }

        await using var sqlite = new SqliteConnection(database.Options.ConnectionString);
        await sqlite.OpenAsync();
        await using var command = sqlite.CreateCommand();
        // The next reset restores the trigger with the rest of the template.
        command.CommandText = $"DROP TRIGGER {table}_no_update; UPDATE {table} SET subject = @subject WHERE id = @id";
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("id", id.ToString());
        EnsureOneRow(await command.ExecuteNonQueryAsync(), id);
    }

    private static void EnsureOneRow(int changed, Guid id)
    {
        if (changed != 1)
            throw new InvalidOperationException($"No audit row {id} to tamper with.");
    }
}
