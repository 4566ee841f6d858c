using CleanLedger.Application.Ledger;
using CleanLedger.Domain.Ledger;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

public sealed class ChartOfAccountsStore(DbSession session) : IChartOfAccounts
{
    public Task AddAsync(Guid orgId, IEnumerable<Account> accounts, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO accounts (org_id, number, name, type, default_vat_code, sru_code, input_vat_deductible, is_active, created_at)
            VALUES (@orgId, @number, @name, @type, @vatCode, @sru, @deductible, @active, @now)
            """,
            accounts.Select(account => new
            {
                orgId,
                number = account.Number.Value,
                name = account.Name,
                type = account.Type.ToString(),
                vatCode = account.DefaultVatCode.ToString(),
                sru = account.SruCode,
                deductible = account.InputVatDeductible,
                active = account.IsActive,
                now,
            }),
            cancellationToken);

    public Task<IReadOnlyList<Account>> ListAsync(Guid orgId, CancellationToken cancellationToken) =>
        QueryAsync("org_id = @orgId", new { orgId }, cancellationToken);

    /// <summary>Just the accounts a verification uses, for its compliance check.</summary>
    public Task<IReadOnlyList<Account>> FindAsync(Guid orgId, IReadOnlyList<int> numbers, CancellationToken cancellationToken) =>
        QueryAsync($"org_id = @orgId AND {session.InList("number", "numbers")}", new { orgId, numbers }, cancellationToken);

    internal static string Select(string where) => $"""
        SELECT number, name, type, default_vat_code, sru_code, input_vat_deductible, is_active
        FROM accounts WHERE {where} ORDER BY number
        """;

    internal static Account ToAccount((int Number, string Name, string Type, string VatCode, string? Sru, bool Deductible, bool Active) row) =>
        new(new AccountNumber(row.Number), row.Name, Enum.Parse<AccountType>(row.Type), Enum.Parse<VatCode>(row.VatCode), row.Sru, row.Deductible, row.Active);

    private async Task<IReadOnlyList<Account>> QueryAsync(string where, object parameters, CancellationToken cancellationToken) =>
        (await session.QueryAsync<(int Number, string Name, string Type, string VatCode, string? Sru, bool Deductible, bool Active)>(
            Select(where), parameters, cancellationToken)).Select(ToAccount).ToList();

    public async Task<bool> SetActiveAsync(Guid orgId, AccountNumber number, bool active, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE accounts SET is_active = @active WHERE org_id = @orgId AND number = @number",
            new { orgId, number = number.Value, active },
            cancellationToken) > 0;
}
