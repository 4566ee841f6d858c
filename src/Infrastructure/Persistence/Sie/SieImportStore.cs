using System.Text.Json;
using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Domain.Common;

namespace CleanLedger.Infrastructure.Persistence.Sie;

/// <summary>
/// The SQL of SIE imports: the job row, its staging rows (one prepared single-row statement run for
/// each, so no statement comes near either engine's parameter limit), and the switch-over as set-based INSERT … SELECT statements inside the
/// database (no row travels back to the app), so its transaction stays short.
/// </summary>
public sealed class SieImportStore(DbSession session) : ISieImportStore
{
    private const string JobColumns = """
        id AS Id, state AS State, file_name AS FileName, size_bytes AS Size, lines_read AS LinesRead, bytes_read AS BytesRead,
        vouchers_staged AS VouchersStaged, fiscal_years_created AS FiscalYearsCreated, accounts_added AS AccountsAdded,
        verifications_imported AS VerificationsImported, warnings AS Warnings, errors AS Errors, created_at AS CreatedAt, finished_at AS FinishedAt
        """;

    public Task InsertAsync(Guid orgId, Guid importId, string fileName, string storageKey, string sha256, long size, Guid requestedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO sie_imports (id, org_id, state, file_name, storage_key, sha256, size_bytes, requested_by, lines_read, bytes_read,
                                     vouchers_staged, warnings, errors, created_at)
            VALUES (@importId, @orgId, @state, @fileName, @storageKey, @sha256, @size, @requestedBy, 0, 0, 0, '[]', '[]', @now)
            """,
            new { importId, orgId, state = State(SieImportState.Queued), fileName, storageKey, sha256, size, requestedBy, now },
            cancellationToken);

    public async Task<SieImportJob?> FindAsync(Guid orgId, Guid importId, CancellationToken cancellationToken) =>
        (await session.QuerySingleOrDefaultAsync<JobRow>(
            $"SELECT {JobColumns} FROM sie_imports WHERE org_id = @orgId AND id = @importId",
            new { orgId, importId },
            cancellationToken))?.ToJob();

    public async Task<SieImportWork?> StartAsync(Guid orgId, Guid importId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var work = await session.QuerySingleOrDefaultAsync<(string State, string FileName, string StorageKey, string Sha256, long Size, Guid RequestedBy)>(
            $"SELECT state, file_name, storage_key, sha256, size_bytes, requested_by FROM sie_imports WHERE org_id = @orgId AND id = @importId {session.ForUpdate}",
            new { orgId, importId },
            cancellationToken);
        if (work.State is null || ParseState(work.State) is SieImportState.Succeeded or SieImportState.Failed)
            return null;

        await session.ExecuteAsync(
            """
            UPDATE sie_imports SET state = @running, started_at = @now, lines_read = 0, bytes_read = 0, vouchers_staged = 0
            WHERE org_id = @orgId AND id = @importId
            """,
            new { orgId, importId, running = State(SieImportState.Running), now },
            cancellationToken);
        return new SieImportWork(importId, work.FileName, work.StorageKey, work.Sha256, work.Size, work.RequestedBy, []);
    }

    public async Task StageAsync(Guid orgId, Guid importId, IReadOnlyList<StagedVoucher> vouchers, SieImportProgress progress, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO sie_import_vouchers (import_id, seq, org_id, verification_id, fiscal_year_id, series, number, unnumbered_ordinal,
                                             date, registered_at, description, gross_ore, line)
            VALUES (@importId, @Seq, @orgId, @VerificationId, @FiscalYearId, @Series, @Number, @UnnumberedOrdinal,
                    @Date, @RegisteredAt, @Description, @GrossOre, @Line)
            """,
            vouchers.Select(voucher => new
            {
                importId, orgId, voucher.Seq, voucher.VerificationId, voucher.FiscalYearId, voucher.Series, voucher.Number, voucher.UnnumberedOrdinal,
                voucher.Date, voucher.RegisteredAt, voucher.Description, voucher.GrossOre, voucher.Line,
            }),
            cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO sie_import_rows (import_id, row_seq, org_id, voucher_seq, row_no, account, debit_ore, credit_ore)
            VALUES (@importId, @RowSeq, @orgId, @Seq, @RowNo, @Account, @DebitOre, @CreditOre)
            """,
            vouchers.SelectMany(voucher => voucher.Rows.Select((row, index) => new
            {
                importId, orgId, RowSeq = voucher.FirstRowSeq + index, voucher.Seq, RowNo = index + 1, row.Account, row.DebitOre, row.CreditOre,
            })),
            cancellationToken);

        await session.ExecuteAsync(
            """
            UPDATE sie_imports SET lines_read = @LinesRead, bytes_read = @BytesRead, vouchers_staged = @VouchersStaged
            WHERE org_id = @orgId AND id = @importId
            """,
            new { orgId, importId, progress.LinesRead, progress.BytesRead, progress.VouchersStaged },
            cancellationToken);
    }

    public async Task<SieImportState?> LockAsync(Guid orgId, Guid importId, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync<string>(
            $"SELECT state FROM sie_imports WHERE org_id = @orgId AND id = @importId {session.ForUpdate}",
            new { orgId, importId },
            cancellationToken) is { } state ? ParseState(state) : null;

    public async Task<int> SwitchOverAsync(Guid orgId, Guid importId, IReadOnlyList<SieSeriesTail> tails, Guid postedBy, CancellationToken cancellationToken)
    {
        foreach (var tail in tails.Where(tail => tail.Unnumbered > 0))
        {
            await session.ExecuteAsync(
                """
                UPDATE sie_import_vouchers SET number = @after + unnumbered_ordinal
                WHERE org_id = @orgId AND import_id = @importId AND fiscal_year_id = @year AND series = @series AND number IS NULL
                """,
                new { orgId, importId, after = tail.LastNumbered, year = tail.FiscalYearId, series = tail.Series },
                cancellationToken);
        }

        var imported = await session.ExecuteAsync(
            """
            INSERT INTO verifications (id, org_id, fiscal_year_id, series, number, date, registered_at, description, counterparty,
                                       currency, gross_ore, reverses_id, posted_by, compliance_results)
            SELECT verification_id, org_id, fiscal_year_id, series, number, date, registered_at, description, NULL,
                   @currency, gross_ore, NULL, @postedBy, '[]'
            FROM sie_import_vouchers WHERE org_id = @orgId AND import_id = @importId ORDER BY seq
            """,
            new { orgId, importId, postedBy, currency = Money.Sek },
            cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO verification_lines (verification_id, line_no, org_id, account, debit_ore, credit_ore, vat_code)
            SELECT v.verification_id, r.row_no, r.org_id, r.account, r.debit_ore, r.credit_ore, NULL
            FROM sie_import_rows r JOIN sie_import_vouchers v ON v.import_id = r.import_id AND v.seq = r.voucher_seq
            WHERE r.org_id = @orgId AND r.import_id = @importId
            """,
            new { orgId, importId },
            cancellationToken);
        return imported;
    }

    public Task SucceedAsync(Guid orgId, Guid importId, SieImportCounts counts, IReadOnlyList<string> warnings, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            UPDATE sie_imports SET state = @succeeded, fiscal_years_created = @FiscalYearsCreated, accounts_added = @AccountsAdded,
                                   verifications_imported = @VerificationsImported, bytes_read = size_bytes, warnings = @warnings, finished_at = @now
            WHERE org_id = @orgId AND id = @importId
            """,
            new
            {
                orgId, importId, succeeded = State(SieImportState.Succeeded), counts.FiscalYearsCreated, counts.AccountsAdded, counts.VerificationsImported,
                warnings = JsonSerializer.Serialize(warnings), now,
            },
            cancellationToken);

    public Task FailAsync(Guid orgId, Guid importId, SieImportProblem problem, IReadOnlyList<string> warnings, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            UPDATE sie_imports SET state = @failed, vouchers_staged = 0, lines_read = COALESCE(@stoppedAt, lines_read),
                warnings = @warnings, errors = @errors, finished_at = @now
            WHERE org_id = @orgId AND id = @importId
            """,
            new
            {
                // Reading stopped at the refused line: progress is saved per staged batch, so it may lag behind it.
                orgId, importId, failed = State(SieImportState.Failed), stoppedAt = problem.Line, warnings = JsonSerializer.Serialize(warnings),
                errors = JsonSerializer.Serialize(new[] { problem }, JsonSerializerOptions.Web), now,
            },
            cancellationToken);

    public async Task<int> PurgeStagingAsync(Guid orgId, Guid importId, int limit, CancellationToken cancellationToken)
    {
        var rows = await session.ExecuteAsync(
            """
            DELETE FROM sie_import_rows WHERE org_id = @orgId AND import_id = @importId
            AND row_seq < (SELECT MIN(row_seq) FROM sie_import_rows WHERE org_id = @orgId AND import_id = @importId) + @limit
            """,
            new { orgId, importId, limit },
            cancellationToken);
        if (rows > 0)
            return rows;
        return await session.ExecuteAsync(
            """
            DELETE FROM sie_import_vouchers WHERE org_id = @orgId AND import_id = @importId
            AND seq < (SELECT MIN(seq) FROM sie_import_vouchers WHERE org_id = @orgId AND import_id = @importId) + @limit
            """,
            new { orgId, importId, limit },
            cancellationToken);
    }

    private static string State(SieImportState state) => state.ToString().ToLowerInvariant();

    private static SieImportState ParseState(string state) => Enum.Parse<SieImportState>(state, ignoreCase: true);

    private sealed class JobRow
    {
        public Guid Id { get; init; }

        public string State { get; init; } = "";

        public string FileName { get; init; } = "";

        public long Size { get; init; }

        public long LinesRead { get; init; }

        public long BytesRead { get; init; }

        public int VouchersStaged { get; init; }

        public int? FiscalYearsCreated { get; init; }

        public int? AccountsAdded { get; init; }

        public int? VerificationsImported { get; init; }

        public string Warnings { get; init; } = "[]";

        public string Errors { get; init; } = "[]";

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        public SieImportJob ToJob()
        {
            var state = ParseState(State);
            var percent = state == SieImportState.Succeeded ? 100 : Size == 0 ? 0 : (int)Math.Min(99, BytesRead * 100 / Size);
            return new SieImportJob(
                Id, state, FileName, LinesRead, VerificationsImported ?? VouchersStaged, percent,
                JsonSerializer.Deserialize<List<string>>(Warnings) ?? [],
                JsonSerializer.Deserialize<List<SieImportProblem>>(Errors, JsonSerializerOptions.Web) ?? [],
                FiscalYearsCreated, AccountsAdded, VerificationsImported, CreatedAt, FinishedAt);
        }
    }
}
