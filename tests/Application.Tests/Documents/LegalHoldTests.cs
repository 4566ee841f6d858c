using System.Text.Json;
using CleanLedger.Application.Audit.VerifyAuditChains;
using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Documents;
using CleanLedger.Application.Documents.LegalHolds.GetLegalHold;
using CleanLedger.Application.Documents.LegalHolds.SetLegalHold;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Audit.ListAuditEvents;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Access;
using CleanLedger.Testing;
using FluentValidation;

namespace CleanLedger.Application.Tests.Documents;

/// <summary>Legal holds on documents: who may place them, what is recorded, on both engines.</summary>
public abstract class LegalHoldTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private const string Reason = "Skatterevision 2026, beslut från Skatteverket";
    private readonly TestUser _owner = TestUser.New("Olivia Owner");
    private readonly TestUser _accountant = TestUser.New("Anders Revisor");
    private readonly TestUser _bookkeeper = TestUser.New("Bob Bokförare");
    private readonly TestUser _stranger = TestUser.New("Sten Främling");
    private OrganizationDetails _org = null!;
    private Guid _document;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _org = await App.CreateOrganizationAsync(_owner);
        await App.AddMemberAsync(_owner, _org.Id, _accountant, OrgRole.Accountant);
        await App.AddMemberAsync(_owner, _org.Id, _bookkeeper, OrgRole.Bookkeeper);
        _document = await App.UploadReceiptAsync(_owner, _org.Id, "Kontorsmaterial");
    }

    [Fact]
    public async Task An_accountant_places_a_hold_and_lifts_it_each_change_in_the_verifying_audit_chain()
    {
        var placed = await SetAsync(_accountant, onHold: true, $"  {Reason} ");

        placed.ShouldBe(new LegalHold(_document, true, Reason, placed.ChangedAt, _accountant.Id));
        (await GetAsync(_bookkeeper)).ShouldBe(placed);

        var lifted = await SetAsync(_owner, onHold: false, "Revisionen avslutad");

        (await GetAsync(_bookkeeper)).ShouldBe(lifted);
        lifted.OnHold.ShouldBeFalse();
        var events = await App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(_org.Id));
        var holds = events.Where(e => e.Subject == $"document/{_document}").Select(e => (e.Action, e.UserId)).ToList();
        holds.ShouldContain(("document.legal_hold_placed", _accountant.Id));
        holds.ShouldContain(("document.legal_hold_lifted", _owner.Id));
        var details = JsonDocument.Parse(events.Single(e => e.Action == "document.legal_hold_placed").Details).RootElement;
        details.GetProperty("reason").GetString().ShouldBe(Reason);
        (await App.SendAsync<AuditVerification>(TestUser.Admin("Stina Support"), new VerifyAuditChains(_org.Id))).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task A_document_never_held_is_not_on_hold()
    {
        (await GetAsync(_bookkeeper)).ShouldBeNull();
    }

    [Fact]
    public async Task A_bookkeeper_may_not_and_a_stranger_learns_nothing()
    {
        await Should.ThrowAsync<ForbiddenException>(() => SetAsync(_bookkeeper, onHold: true, Reason));
        await Should.ThrowAsync<NotFoundException>(() => SetAsync(_stranger, onHold: true, Reason));
        await Should.ThrowAsync<NotFoundException>(() => GetAsync(_stranger));

        (await GetAsync(_owner)).ShouldBeNull();
    }

    [Fact]
    public async Task Another_organisations_document_is_not_found_through_ones_own()
    {
        var other = await App.CreateOrganizationAsync(_stranger, "Annat AB");
        var theirs = await App.UploadReceiptAsync(_stranger, other.Id, "Någon annans kvitto");

        await Should.ThrowAsync<NotFoundException>(() =>
            App.SendAsync<LegalHold>(_owner, new SetLegalHold(_org.Id, theirs, true, Reason)));

        (await App.SendAsync<LegalHold?>(_stranger, new GetLegalHold(other.Id, theirs))).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("rad\u0000bryt")]
    public async Task A_hold_without_a_plain_reason_is_refused_and_nothing_is_recorded(string reason)
    {
        await Should.ThrowAsync<ValidationException>(() => SetAsync(_owner, onHold: true, reason));

        (await GetAsync(_owner)).ShouldBeNull();
        (await App.SendAsync<IReadOnlyList<AuditEvent>>(_owner, new ListAuditEvents(_org.Id))).ShouldNotContain(e => e.Action.StartsWith("document.legal_hold", StringComparison.Ordinal));
    }

    private Task<LegalHold> SetAsync(TestUser user, bool onHold, string reason) =>
        App.SendAsync<LegalHold>(user, new SetLegalHold(_org.Id, _document, onHold, reason));

    private Task<LegalHold?> GetAsync(TestUser user) =>
        App.SendAsync<LegalHold?>(user, new GetLegalHold(_org.Id, _document));
}

public sealed class LegalHoldTestsOnPostgres(PostgresFixture fixture) : LegalHoldTests<PostgresFixture>(fixture);

public sealed class LegalHoldTestsOnSqlite(SqliteFixture fixture) : LegalHoldTests<SqliteFixture>(fixture);
