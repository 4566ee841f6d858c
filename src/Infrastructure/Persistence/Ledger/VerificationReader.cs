using System.Text;
using System.Text.Json;
using CleanLedger.Application.Ledger.Verifications;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

/// <summary>The SQL of the verification queries.</summary>
public sealed class VerificationReader(DbSession session) : IVerificationReader
{
    public async Task<VerificationDetails?> GetAsync(Guid orgId, Guid verificationId, CancellationToken cancellationToken)
    {
        if (await LedgerStore.ReadRowAsync(session, orgId, verificationId, cancellationToken) is not { } row)
            return null;

        var lines = await session.QueryAsync<(int Account, string? Name, long DebitOre, long CreditOre, string? VatCode)>(
            """
            SELECT l.account, a.name, l.debit_ore, l.credit_ore, l.vat_code
            FROM verification_lines l LEFT JOIN accounts a ON a.org_id = l.org_id AND a.number = l.account
            WHERE l.org_id = @orgId AND l.verification_id = @verificationId
            ORDER BY l.line_no
            """,
            new { orgId, verificationId },
            cancellationToken);
        var documents = await LedgerStore.ReadDocumentIdsAsync(session, orgId, verificationId, cancellationToken);
        var reversedBy = await session.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT id FROM verifications WHERE org_id = @orgId AND reverses_id = @verificationId",
            new { orgId, verificationId },
            cancellationToken);

        return new VerificationDetails(
            row.Id, row.Series, row.Number, row.Date, row.RegisteredAt, row.Description, row.Counterparty, row.Currency,
            row.GrossOre, row.PostedBy, row.Reverses, reversedBy,
            lines.Select(line => new VerificationLineDetails(
                line.Account.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Name, line.DebitOre, line.CreditOre,
                LedgerStore.ParseVatCode(line.VatCode))).ToList(),
            documents,
            JsonSerializer.Deserialize<List<ComplianceResult>>(row.ComplianceResults)!);
    }

    public async Task<VerificationPage> ListAsync(
        Guid orgId, DateOnly? fromDate, DateOnly? toDate, string? series, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Only the filters given become SQL: an untyped NULL parameter is ambiguous to PostgreSQL.
        var where = new StringBuilder("v.org_id = @orgId");
        if (fromDate is not null)
            where.Append(" AND v.date >= @fromDate");
        if (toDate is not null)
            where.Append(" AND v.date <= @toDate");
        if (series is not null)
            where.Append(" AND v.series = @series");
        var parameters = new { orgId, fromDate, toDate, series, skip = (page - 1) * pageSize, take = pageSize };

        var total = await session.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM verifications v WHERE {where}", parameters, cancellationToken);
        var items = await session.QueryAsync<VerificationSummary>(
            $"""
            SELECT v.id AS Id, v.series AS Series, v.number AS Number, v.date AS Date, v.description AS Description,
                   v.counterparty AS Counterparty, v.gross_ore AS GrossOre, v.reverses_id AS Reverses
            FROM verifications v WHERE {where}
            ORDER BY v.date, v.series, v.number
            LIMIT @take OFFSET @skip
            """,
            parameters,
            cancellationToken);
        return new VerificationPage(items, page, pageSize, total);
    }
}
