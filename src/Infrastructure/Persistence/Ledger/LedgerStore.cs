using System.Text.Json;
using Dapper;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Domain.Ledger.FiscalYears;
using CleanLedger.Domain.Ledger.Verifications;

namespace CleanLedger.Infrastructure.Persistence.Ledger;

/// <summary>The SQL of posting: the rules' facts, the series counters, and the immutable rows.</summary>
public sealed class LedgerStore(DbSession session) : ILedgerStore
{
    // A posted verification that has not been reversed and is not itself a reversal: the ones a
    // duplicate would collide with.
    private const string Standing = """
        v.org_id = @orgId AND v.reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM verifications r WHERE r.org_id = v.org_id AND r.reverses_id = v.id)
        """;

    /// <summary>All the rules' facts in one round trip: fiscal years, the draft's accounts, the period, and duplicates.</summary>
    public async Task<ComplianceContext> LoadComplianceContextAsync(Guid orgId, VerificationDraft draft, DateOnly today, CancellationToken cancellationToken)
    {
        var checkDuplicates = draft.Reverses is null;
        var sql = $"""
            {FiscalYearStore.SelectSql};
            {ChartOfAccountsStore.Select($"org_id = @orgId AND {session.InList("number", "accounts")}")};
            SELECT CAST(locked_at AS TEXT), CAST(vat_filed_at AS TEXT) FROM period_states WHERE org_id = @orgId AND period = @period;
            SELECT COUNT(*) FROM verifications v JOIN verification_documents d ON d.verification_id = v.id
            WHERE {Standing} AND {session.InIdList("d.document_id", "documentIds")};
            SELECT COUNT(*) FROM verifications v
            WHERE {Standing} AND v.counterparty = @counterparty AND v.date = @date AND v.gross_ore = @gross;
            SELECT d.id, d.sha256, p.total_ore, p.currency FROM documents d LEFT JOIN receipt_processing p ON p.document_id = d.id
            WHERE d.org_id = @orgId AND {session.InIdList("d.id", "linked")};
            """;
        await using var grids = await session.QueryMultipleAsync(
            sql,
            new
            {
                orgId,
                accounts = draft.Lines.Select(line => line.Account.Value).Distinct().ToArray(),
                period = PeriodId.Of(draft.Date).ToString(),
                documentIds = SqlDialect.IdList(checkDuplicates ? draft.DocumentIds : []),
                linked = SqlDialect.IdList(draft.DocumentIds),
                counterparty = checkDuplicates ? draft.Counterparty ?? "" : "",
                date = draft.Date,
                gross = draft.TotalDebit,
            },
            cancellationToken);

        var years = (await grids.ReadAsync<(Guid Id, DateOnly Start, DateOnly End, bool Closed)>()).Select(FiscalYearStore.ToFiscalYear).ToList();
        var accounts = (await grids.ReadAsync<(int Number, string Name, string Type, string VatCode, string? Sru, bool Deductible, bool Active)>())
            .Select(ChartOfAccountsStore.ToAccount).ToDictionary(account => account.Number.Value);
        var period = await grids.ReadSingleOrDefaultAsync<(string? LockedAt, string? VatFiledAt)>();
        var sameDocument = await grids.ReadSingleAsync<int>();
        var sameEvent = await grids.ReadSingleAsync<int>();
        // The organisation's own documents only: an id it does not have is refused, not trusted.
        var documents = (await grids.ReadAsync<(Guid Id, string Sha256, long? TotalOre, string? Currency)>()).ToDictionary(document => document.Id);
        if (draft.DocumentIds.FirstOrDefault(id => !documents.ContainsKey(id)) is var unknown && unknown != Guid.Empty)
            throw new DomainException("verification.document_unknown", $"Document {unknown} is not one of the organisation's documents.");
        // The receipt's total arrives with extraction (receipt pipeline); until then R-051 reports it unknown.
        var linked = draft.DocumentIds.Select(id => new LinkedDocument(id, documents[id].Sha256, documents[id].TotalOre, documents[id].Currency)).ToList();
        return new ComplianceContext(today, years, accounts, period.LockedAt is not null, period.VatFiledAt is not null, linked, sameDocument, sameEvent);
    }

    public async Task<long> AllocateNumberAsync(Guid orgId, Guid fiscalYearId, string series, CancellationToken cancellationToken)
    {
        // The upsert takes the counter row's lock until commit: concurrent posters queue here.
        return await session.ExecuteScalarAsync<long>(
            """
            INSERT INTO verification_series (org_id, fiscal_year_id, series, next_number) VALUES (@orgId, @fiscalYearId, @series, 2)
            ON CONFLICT (org_id, fiscal_year_id, series) DO UPDATE SET next_number = verification_series.next_number + 1
            RETURNING next_number - 1
            """,
            new { orgId, fiscalYearId, series },
            cancellationToken);
    }

    public async Task InsertAsync(Guid orgId, Verification verification, IReadOnlyList<RuleResult> results, CancellationToken cancellationToken)
    {
        await InsertManyAsync(orgId, [verification], JsonSerializer.Serialize(ComplianceResult.From(results)), cancellationToken);
        await ClaimDocumentsAsync(orgId, verification, cancellationToken);
    }

    // One standing verification per document (M0007): a posting claims its documents, and a
    // second posting that passed the DUP rule at the same moment fails on the claim's key (409).
    // A reversal releases the claims of what it reverses, so the corrected posting can claim them.
    private Task ClaimDocumentsAsync(Guid orgId, Verification verification, CancellationToken cancellationToken) =>
        verification.Reverses is { } reversed
            ? session.ExecuteAsync(
                "DELETE FROM document_claims WHERE org_id = @orgId AND verification_id = @reversed", new { orgId, reversed }, cancellationToken)
            : verification.DocumentIds.Count == 0
                ? Task.CompletedTask
                : session.ExecuteAsync(
                    "INSERT INTO document_claims (org_id, document_id, verification_id) VALUES (@orgId, @documentId, @verificationId)",
                    verification.DocumentIds.Select(documentId => new { orgId, documentId, verificationId = verification.Id }),
                    cancellationToken);

    public async Task<Verification?> FindAsync(Guid orgId, Guid verificationId, CancellationToken cancellationToken)
    {
        if (await ReadRowAsync(session, orgId, verificationId, cancellationToken) is not { } row)
            return null;

        var lines = await session.QueryAsync<(int Account, long Debit, long Credit, string? VatCode)>(
            "SELECT account, debit_ore, credit_ore, vat_code FROM verification_lines WHERE org_id = @orgId AND verification_id = @verificationId ORDER BY line_no",
            new { orgId, verificationId },
            cancellationToken);
        return row.ToVerification(
            lines.Select(line => new VerificationLine(new AccountNumber(line.Account), line.Debit, line.Credit, ParseVatCode(line.VatCode))).ToList(),
            await ReadDocumentIdsAsync(session, orgId, verificationId, cancellationToken));
    }

    public Task<Guid?> FindReversalOfAsync(Guid orgId, Guid verificationId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT id FROM verifications WHERE org_id = @orgId AND reverses_id = @verificationId",
            new { orgId, verificationId },
            cancellationToken);

    public async Task<bool> HasBooksAsync(Guid orgId, Guid fiscalYearId, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM verifications WHERE org_id = @orgId AND fiscal_year_id = @fiscalYearId)
                 + (SELECT COUNT(*) FROM opening_balances WHERE org_id = @orgId AND fiscal_year_id = @fiscalYearId)
            """,
            new { orgId, fiscalYearId },
            cancellationToken) > 0;

    public Task ContinueSeriesAfterAsync(Guid orgId, Guid fiscalYearId, string series, long lastNumber, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO verification_series (org_id, fiscal_year_id, series, next_number) VALUES (@orgId, @fiscalYearId, @series, @next)
            ON CONFLICT (org_id, fiscal_year_id, series) DO UPDATE
            SET next_number = CASE WHEN verification_series.next_number > excluded.next_number THEN verification_series.next_number ELSE excluded.next_number END
            """,
            new { orgId, fiscalYearId, series, next = lastNumber + 1 },
            cancellationToken);

    public Task InsertOpeningBalancesAsync(Guid orgId, Guid fiscalYearId, IReadOnlyDictionary<int, long> balances, CancellationToken cancellationToken) =>
        balances.Count == 0
            ? Task.CompletedTask
            : session.ExecuteAsync(
                "INSERT INTO opening_balances (org_id, fiscal_year_id, account, amount_ore) VALUES (@orgId, @fiscalYearId, @account, @amount)",
                balances.Select(balance => new { orgId, fiscalYearId, account = balance.Key, amount = balance.Value }),
                cancellationToken);

    internal static Task<VerificationRow?> ReadRowAsync(DbSession session, Guid orgId, Guid verificationId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<VerificationRow>(
            $"SELECT {VerificationRow.Columns} FROM verifications v WHERE v.org_id = @orgId AND v.id = @verificationId",
            new { orgId, verificationId },
            cancellationToken);

    internal static Task<IReadOnlyList<Guid>> ReadDocumentIdsAsync(DbSession session, Guid orgId, Guid verificationId, CancellationToken cancellationToken) =>
        session.QueryAsync<Guid>(
            "SELECT document_id FROM verification_documents WHERE org_id = @orgId AND verification_id = @verificationId ORDER BY document_id",
            new { orgId, verificationId },
            cancellationToken);

    private async Task InsertManyAsync(Guid orgId, List<Verification> verifications, string complianceResults, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { orgId, compliance = complianceResults });
        var rows = new List<string>();
        var lines = new List<string>();
        for (var v = 0; v < verifications.Count; v++)
        {
            var verification = verifications[v];
            rows.Add($"(@id{v}, @orgId, @fy{v}, @series{v}, @number{v}, @date{v}, @registered{v}, @description{v}, @counterparty{v}, @currency{v}, @gross{v}, @reverses{v}, @postedBy{v}, @compliance)");
            parameters.Add($"id{v}", verification.Id);
            parameters.Add($"fy{v}", verification.FiscalYearId);
            parameters.Add($"series{v}", verification.Series);
            parameters.Add($"number{v}", verification.Number);
            parameters.Add($"date{v}", verification.Date);
            parameters.Add($"registered{v}", verification.RegisteredAt);
            parameters.Add($"description{v}", verification.Description);
            parameters.Add($"counterparty{v}", verification.Counterparty, System.Data.DbType.String);
            parameters.Add($"currency{v}", verification.Currency);
            parameters.Add($"gross{v}", verification.Lines.Sum(line => line.Debit));
            parameters.Add($"reverses{v}", verification.Reverses);
            parameters.Add($"postedBy{v}", verification.PostedBy);
            for (var l = 0; l < verification.Lines.Count; l++)
            {
                var line = verification.Lines[l];
                lines.Add($"(@id{v}, {l + 1}, @orgId, @a{v}_{l}, @d{v}_{l}, @c{v}_{l}, @t{v}_{l})");
                parameters.Add($"a{v}_{l}", line.Account.Value);
                parameters.Add($"d{v}_{l}", line.Debit);
                parameters.Add($"c{v}_{l}", line.Credit);
                parameters.Add($"t{v}_{l}", line.VatCode?.ToString(), System.Data.DbType.String);
            }
        }

        await session.ExecuteAsync(
            $"""
            INSERT INTO verifications (id, org_id, fiscal_year_id, series, number, date, registered_at, description, counterparty,
                                       currency, gross_ore, reverses_id, posted_by, compliance_results)
            VALUES {string.Join(", ", rows)};
            INSERT INTO verification_lines (verification_id, line_no, org_id, account, debit_ore, credit_ore, vat_code)
            VALUES {string.Join(", ", lines)}
            """,
            parameters,
            cancellationToken);

        var documents = verifications.SelectMany(verification => verification.DocumentIds.Select(documentId => new { verificationId = verification.Id, documentId, orgId })).ToList();
        if (documents.Count > 0)
        {
            await session.ExecuteAsync(
                "INSERT INTO verification_documents (verification_id, document_id, org_id) VALUES (@verificationId, @documentId, @orgId)",
                documents,
                cancellationToken);
        }
    }

    internal static VatCode? ParseVatCode(string? text) => text is null ? null : Enum.Parse<VatCode>(text);

}

internal sealed record VerificationRow(
    Guid Id, Guid FiscalYearId, string Series, long Number, DateOnly Date, DateTimeOffset RegisteredAt, string Description,
    string? Counterparty, string Currency, long GrossOre, Guid? Reverses, Guid PostedBy, string ComplianceResults)
{
    public const string Columns = """
        v.id AS Id, v.fiscal_year_id AS FiscalYearId, v.series AS Series, v.number AS Number, v.date AS Date,
        v.registered_at AS RegisteredAt, v.description AS Description, v.counterparty AS Counterparty, v.currency AS Currency,
        v.gross_ore AS GrossOre, v.reverses_id AS Reverses, v.posted_by AS PostedBy, v.compliance_results AS ComplianceResults
        """;

    public Verification ToVerification(IReadOnlyList<VerificationLine> lines, IReadOnlyList<Guid> documentIds) =>
        new(Id, FiscalYearId, Series, Number, Date, RegisteredAt, Description, Counterparty, lines, documentIds, Currency, Reverses, PostedBy);
}
