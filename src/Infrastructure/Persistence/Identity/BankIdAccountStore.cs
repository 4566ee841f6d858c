using CleanLedger.Application.Identity.BankId;

namespace CleanLedger.Infrastructure.Persistence.Identity;

public sealed class BankIdAccountStore(DbSession session) : IBankIdAccounts
{
    public async Task<BankIdAccount> FindOrCreateAsync(string personnummerHash, string displayName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A concurrent first sign-in of the same person waits on the unique index and then inserts nothing.
        await session.ExecuteAsync(
            """
            INSERT INTO users (id, display_name, created_at, personnummer_hash) VALUES (@id, @displayName, @now, @personnummerHash)
            ON CONFLICT (personnummer_hash) DO NOTHING
            """,
            new { id = Guid.CreateVersion7(now), displayName, now, personnummerHash },
            cancellationToken);
        // Held until commit: two sign-ins of one person compare the broker subject one after the other.
        return (await session.QuerySingleOrDefaultAsync<BankIdAccount>(
            $"SELECT id AS UserId, broker_subject AS BrokerSubject FROM users WHERE personnummer_hash = @personnummerHash {session.ForUpdate}",
            new { personnummerHash },
            cancellationToken))!;
    }

    public Task RecordSignInAsync(Guid userId, string displayName, string brokerSubject, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "UPDATE users SET display_name = @displayName, broker_subject = @brokerSubject, last_sign_in_at = @now WHERE id = @userId",
            new { userId, displayName, brokerSubject, now },
            cancellationToken);
}
