using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.PostVerification;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Reports.GetVatReport;
using CleanLedger.Application.Reports.Pdfs;
using CleanLedger.Application.Sie.ExportSie;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Infrastructure.Tests.Reports;

/// <summary>
/// Books that already hold lines past the ceilings — 3 × 46 lines of 10^15 kr, whose sums pass
/// <see cref="long.MaxValue"/> öre — still give exact VAT boxes and SIE balances: every sum is
/// taken wide, so no posted row can break a report (ADR 0016). On both engines.
/// </summary>
public abstract class WideSumTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private const int OversizedLines = 3 * 46;
    private const long LineOre = 1_000_000_000_000_000_00;
    private readonly TestUser _owner = TestUser.New("Olivia Owner");

    [Fact]
    public async Task Sums_past_a_long_come_out_exact_in_the_vat_report_its_files_and_the_sie_export()
    {
        var orgId = await BooksPastALongAsync();
        var total = (Int128)LineOre * OversizedLines;

        var report = await App.SendAsync<VatReport>(_owner, new GetVatReport(orgId, "2026-11"));
        var pdf = await App.SendAsync<byte[]>(_owner, new GetVatReportPdf(orgId, "2026-11"));
        var sie = await App.InScopeAsync(_owner, async sender =>
        {
            var export = await sender.Send(new ExportSie(orgId, 2026));
            using var output = new MemoryStream();
            await export.WriteAsync(output, CancellationToken.None);
            return System.Text.Encoding.ASCII.GetString(output.ToArray());
        });

        (total > long.MaxValue).ShouldBeTrue();
        report.Boxes["10"].ShouldBe((total / 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        report.Boxes["49"].ShouldBe((total / 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        System.Text.Encoding.Latin1.GetString(EskdFile.Create(report, report.OrgNumber)).ShouldContain($"<MomsUtgHog>{total / 100}</MomsUtgHog>");
        System.Text.Encoding.ASCII.GetString(pdf.AsSpan(0, 5)).ShouldBe("%PDF-");
        sie.ShouldContain($"#UB 0 1930 {Money.FormatKronor(total - 50_00)}");
    }

    // A small posting through the rules, then the oversized lines written past them, as a
    // version without ceilings stored them.
    private async Task<Guid> BooksPastALongAsync()
    {
        var org = await App.SendAsync<OrganizationDetails>(_owner, new CreateOrganization("Stora AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        var posted = await App.SendAsync<PostedVerification>(_owner, new PostVerification(org.Id, new VerificationInput(
            new DateOnly(2026, 11, 2), "Bankavgift", "Banken", null, [],
            [new LineInput("6570", 50_00, 0, null), new LineInput("1930", 0, 50_00, null)])));

        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrgContext>().Enter(org.Id);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        var lines = Enumerable.Range(0, OversizedLines).SelectMany(i => new[]
        {
            new { verificationId = posted.Id, lineNo = 10 + (2 * i), orgId = org.Id, account = 1930, debit = LineOre, credit = 0L },
            new { verificationId = posted.Id, lineNo = 11 + (2 * i), orgId = org.Id, account = 2611, debit = 0L, credit = LineOre },
        });
        await session.ExecuteAsync(
            """
            INSERT INTO verification_lines (verification_id, line_no, org_id, account, debit_ore, credit_ore)
            VALUES (@verificationId, @lineNo, @orgId, @account, @debit, @credit)
            """,
            lines,
            CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
        return org.Id;
    }
}

public sealed class WideSumTestsOnPostgres(PostgresFixture fixture) : WideSumTests<PostgresFixture>(fixture);

public sealed class WideSumTestsOnSqlite(SqliteFixture fixture) : WideSumTests<SqliteFixture>(fixture);
