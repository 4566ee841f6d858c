using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Application.Ledger.Periods.LockPeriod;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.GetVerification;
using CleanLedger.Application.Ledger.Verifications.ListVerifications;
using CleanLedger.Application.Ledger.Verifications.PrecheckVerification;
using CleanLedger.Application.Ledger.Verifications.ReverseVerification;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Testing;

namespace CleanLedger.Application.Tests.Ledger;

/// <summary>Posting, reading, reversing and locking through the real pipeline, on both engines.</summary>
public abstract class VerificationTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private static readonly DateOnly November2 = new(2026, 11, 2);
    private readonly TestUser _owner = TestUser.New("Olivia Owner");
    private OrganizationDetails _org = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _org = await App.CreateOrganizationAsync(_owner);
    }

    [Fact]
    public async Task A_balanced_verification_gets_number_one_and_reads_back_exactly()
    {
        var posted = await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2));

        (posted.Series, posted.Number).ShouldBe(("A", 1L));
        posted.Warnings.Select(warning => warning.Code).ShouldBe(["R-001"]);
        var details = await App.SendAsync<VerificationDetails>(_owner, new GetVerification(_org.Id, posted.Id));
        details.Date.ShouldBe(November2);
        details.Counterparty.ShouldBe("Clas Ohlson");
        details.GrossOre.ShouldBe(250_00);
        details.PostedBy.ShouldBe(_owner.Id);
        details.Lines.Select(line => (line.Account, line.AccountName, line.DebitOre, line.CreditOre)).ShouldBe(
        [
            ("6110", "Kontorsmateriel", 200_00L, 0L),
            ("2641", "Debiterad ingående moms", 50_00L, 0L),
            ("1930", "Företagskonto/checkkonto/affärskonto", 0L, 250_00L),
        ]);
        details.ComplianceResults.Count.ShouldBe(ComplianceEngine.Default.Rules.Count);
    }

    [Fact]
    public async Task A_blocked_posting_answers_every_rule_stores_nothing_and_consumes_no_number()
    {
        var refused = await Should.ThrowAsync<ComplianceException>(() => App.PostAsync(_owner, _org.Id, LedgerScenarios.Unbalanced(November2)));

        refused.Results.Select(result => result.Code).ShouldBe(["R-001", "R-011", "R-021", "R-031", "R-051", "VAT", "PERIOD", "DUP"]);
        refused.Results.Single(result => result.Code == "R-011").Blocks.ShouldBeTrue();
        (await ListAsync()).Total.ShouldBe(0);
        (await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2))).Number.ShouldBe(1);
    }

    [Fact]
    public async Task Each_series_counts_on_its_own()
    {
        var numbers = new List<string>();
        foreach (var series in new[] { "A", "A", "B", "A", "B" })
        {
            var posted = await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2, series, $"Leverantör {numbers.Count}"));
            numbers.Add($"{posted.Series}{posted.Number}");
        }

        numbers.ShouldBe(["A1", "A2", "B1", "A3", "B2"]);
        (await App.SendAsync<VerificationPage>(_owner, new ListVerifications(_org.Id, null, null, "B"))).Items.Select(item => item.Number).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task Listing_filters_by_date_and_pages()
    {
        foreach (var day in new[] { 3, 5, 7, 9 })
            await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(new DateOnly(2026, 11, day), counterparty: $"Butik {day}"));

        var page = await App.SendAsync<VerificationPage>(_owner, new ListVerifications(_org.Id, new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 9), null, Page: 2, PageSize: 2));

        page.Total.ShouldBe(3);
        page.Items.Select(item => item.Date.Day).ShouldBe([9]);
    }

    [Fact]
    public async Task A_reversal_is_a_new_verification_that_swaps_every_line_and_leaves_the_original_as_it_was()
    {
        var original = await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2));
        var before = await App.SendAsync<VerificationDetails>(_owner, new GetVerification(_org.Id, original.Id));

        var reversal = await App.SendAsync<PostedVerification>(_owner, new ReverseVerification(_org.Id, original.Id, new DateOnly(2026, 11, 20)));

        reversal.Number.ShouldBe(2);
        var reversed = await App.SendAsync<VerificationDetails>(_owner, new GetVerification(_org.Id, reversal.Id));
        reversed.Reverses.ShouldBe(original.Id);
        reversed.Description.ShouldStartWith("Rättelse av A1");
        reversed.Lines.Select(line => (line.Account, line.DebitOre, line.CreditOre))
            .ShouldBe(before.Lines.Select(line => (line.Account, line.CreditOre, line.DebitOre)));
        var after = await App.SendAsync<VerificationDetails>(_owner, new GetVerification(_org.Id, original.Id));
        after.ShouldBe(before with { ReversedBy = reversal.Id, Lines = after.Lines, DocumentIds = after.DocumentIds, ComplianceResults = after.ComplianceResults });
        after.Lines.ShouldBe(before.Lines);

        (await Should.ThrowAsync<DomainException>(() => App.SendAsync<PostedVerification>(_owner, new ReverseVerification(_org.Id, original.Id))))
            .Code.ShouldBe("verification.already_reversed");
        (await Should.ThrowAsync<DomainException>(() => App.SendAsync<PostedVerification>(_owner, new ReverseVerification(_org.Id, reversal.Id))))
            .Code.ShouldBe("verification.is_reversal");
    }

    [Fact]
    public async Task After_a_period_is_locked_nothing_more_is_posted_into_it()
    {
        var original = await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(new DateOnly(2026, 10, 15)));
        await App.SendAsync<PeriodLocked>(_owner, new LockPeriod(_org.Id, "2026-10"));

        var refused = await Should.ThrowAsync<ComplianceException>(() => App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(new DateOnly(2026, 10, 31), counterparty: "Staples")));
        refused.Results.Where(result => result.Blocks).Select(result => result.Code).ShouldBe(["PERIOD"]);
        await Should.ThrowAsync<ComplianceException>(() => App.SendAsync<PostedVerification>(_owner, new ReverseVerification(_org.Id, original.Id, new DateOnly(2026, 10, 31))));

        (await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(new DateOnly(2026, 11, 1), counterparty: "Staples"))).Number.ShouldBe(2);
        (await App.SendAsync<PostedVerification>(_owner, new ReverseVerification(_org.Id, original.Id, new DateOnly(2026, 11, 2)))).Number.ShouldBe(3);
    }

    [Fact]
    public async Task A_precheck_answers_every_rule_and_posts_nothing()
    {
        var results = await App.SendAsync<IReadOnlyList<ComplianceResult>>(_owner, new PrecheckVerification(_org.Id, LedgerScenarios.Unbalanced(November2)));

        results.Select(result => (result.Code, result.Passed)).ShouldContain(("R-011", false));
        results.Count.ShouldBe(8);
        (await ListAsync()).Total.ShouldBe(0);
    }

    [Fact]
    public async Task The_same_event_posted_twice_is_posted_with_a_duplicate_warning()
    {
        await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2));

        var again = await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2));

        again.Warnings.Select(warning => warning.Code).ShouldContain("DUP");
    }

    [Fact]
    public async Task Another_organisation_can_neither_see_list_nor_reverse_it()
    {
        var posted = await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2));
        var stranger = TestUser.New("Stina Stranger");
        var strangersOrg = await App.CreateOrganizationAsync(stranger, "Annat AB");

        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<VerificationDetails>(stranger, new GetVerification(_org.Id, posted.Id)));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<VerificationDetails>(stranger, new GetVerification(strangersOrg.Id, posted.Id)));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<PostedVerification>(stranger, new ReverseVerification(strangersOrg.Id, posted.Id)));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync<PostedVerification>(stranger, new ReverseVerification(_org.Id, posted.Id)));
        (await App.SendAsync<VerificationPage>(stranger, new ListVerifications(strangersOrg.Id, null, null, null))).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Roles_decide_who_posts_and_who_locks()
    {
        var viewer = TestUser.New("Vera Viewer");
        var bookkeeper = TestUser.New("Bo Bookkeeper");
        await App.AddMemberAsync(_owner, _org.Id, viewer, OrgRole.Viewer);
        await App.AddMemberAsync(_owner, _org.Id, bookkeeper, OrgRole.Bookkeeper);

        await Should.ThrowAsync<ForbiddenException>(() => App.PostAsync(viewer, _org.Id, LedgerScenarios.OfficeSupplies(November2)));
        (await App.PostAsync(bookkeeper, _org.Id, LedgerScenarios.OfficeSupplies(November2))).Number.ShouldBe(1);
        await Should.ThrowAsync<ForbiddenException>(() => App.SendAsync<PeriodLocked>(bookkeeper, new LockPeriod(_org.Id, "2026-10")));
        (await ListAsync(viewer)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task The_audit_trail_records_who_posted_reversed_and_locked()
    {
        var posted = await App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2));
        await App.SendAsync<PostedVerification>(_owner, new ReverseVerification(_org.Id, posted.Id));
        await App.SendAsync<PeriodLocked>(_owner, new LockPeriod(_org.Id, "2026-09"));

        var events = await App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(_org.Id));

        events.Select(e => e.Action).ShouldBe(["period.locked", "verification.reversed", "verification.posted", "organization.created"], ignoreOrder: true);
        events.ShouldAllBe(e => e.UserId == _owner.Id);
        events.Single(e => e.Action == "verification.posted").Subject.ShouldBe($"verification/{posted.Id}");
    }

    [Fact]
    public async Task Fifty_parallel_postings_in_one_series_get_exactly_the_numbers_1_to_50()
    {
        var posted = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2, counterparty: $"Butik {i}"))));

        posted.Select(p => p.Number).Order().ShouldBe(Enumerable.Range(1, 50).Select(n => (long)n));
        (await ListAsync()).Total.ShouldBe(50);
    }

    [Fact]
    public async Task Two_series_posted_in_parallel_stay_independent()
    {
        var posted = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            App.PostAsync(_owner, _org.Id, LedgerScenarios.OfficeSupplies(November2, i % 2 == 0 ? "A" : "B", $"Butik {i}"))));

        foreach (var series in new[] { "A", "B" })
            posted.Where(p => p.Series == series).Select(p => p.Number).Order().ShouldBe(Enumerable.Range(1, 20).Select(n => (long)n));
    }

    private Task<VerificationPage> ListAsync(TestUser? user = null) =>
        App.SendAsync<VerificationPage>(user ?? _owner, new ListVerifications(_org.Id, null, null, null));
}

public sealed class VerificationTestsOnPostgres(PostgresFixture fixture) : VerificationTests<PostgresFixture>(fixture);

public sealed class VerificationTestsOnSqlite(SqliteFixture fixture) : VerificationTests<SqliteFixture>(fixture);
