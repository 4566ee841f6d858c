using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Ledger;
using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.ReverseVerification;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Tests.Documents;
using CleanLedger.Application.Tests.Organizations;
using CleanLedger.Domain.Ledger.Compliance;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanLedger.Application.Tests.Ledger;

/// <summary>
/// One standing verification per receipt document (M0007): the DUP rule refuses a second posting
/// that comes later, and the database key refuses one that passed the rule at the same moment;
/// a reversal releases the document for the corrected posting. On both engines.
/// </summary>
public abstract class DocumentClaimTests<TFixture>(TFixture fixture) : DatabaseTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private const int ConcurrentRounds = 5;
    private static readonly DateOnly November2 = new(2026, 11, 2);
    private readonly TestUser _owner = TestUser.New("Olivia Owner");
    private OrganizationDetails _org = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _org = await App.CreateOrganizationAsync(_owner);
    }

    [Fact]
    public async Task The_database_refuses_a_second_standing_verification_of_a_document_that_passed_the_rules()
    {
        var receipt = await App.UploadReceiptAsync(_owner, _org.Id, "Kvitto 1");
        var first = await App.PostAsync(_owner, _org.Id, WithReceipt(receipt));

        var refused = await Should.ThrowAsync<Exception>(() => InsertPastTheRulesAsync(first.Id));

        ConstraintViolation.Of(refused).ShouldBe(ConstraintKind.Unique);
    }

    [Fact]
    public async Task Two_postings_of_one_receipt_at_the_same_moment_leave_exactly_one()
    {
        for (var round = 0; round < ConcurrentRounds; round++)
        {
            var receipt = await App.UploadReceiptAsync(_owner, _org.Id, $"Kvitto {round}");
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => TryPostAsync(WithReceipt(receipt))));

            outcomes.Count(outcome => outcome is null).ShouldBe(1, $"round {round}");
            var loser = outcomes.Single(outcome => outcome is not null)!;
            (ConstraintViolation.Of(loser) == ConstraintKind.Unique || loser is ComplianceException).ShouldBeTrue(loser.ToString());
        }
    }

    [Fact]
    public async Task A_reversal_releases_the_receipt_for_the_corrected_posting()
    {
        var receipt = await App.UploadReceiptAsync(_owner, _org.Id, "Kvitto");
        var wrong = await App.PostAsync(_owner, _org.Id, WithReceipt(receipt));
        (await Should.ThrowAsync<ComplianceException>(() => App.PostAsync(_owner, _org.Id, WithReceipt(receipt))))
            .Results.Single(result => result.Code == "DUP").Blocks.ShouldBeTrue();

        await App.SendAsync<PostedVerification>(_owner, new ReverseVerification(_org.Id, wrong.Id));
        var corrected = await App.PostAsync(_owner, _org.Id, WithReceipt(receipt));

        corrected.Number.ShouldBe(3);
    }

    private static VerificationInput WithReceipt(Guid receipt) => LedgerScenarios.OfficeSupplies(November2) with { DocumentIds = [receipt] };

    private async Task<Exception?> TryPostAsync(VerificationInput input)
    {
        try
        {
            await App.PostAsync(_owner, _org.Id, input);
            return null;
        }
        catch (Exception refused)
        {
            return refused;
        }
    }

    // The posted verification again under another number, straight to the store: what a second
    // request that checked the rules before the first committed would write.
    private async Task InsertPastTheRulesAsync(Guid postedId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(_owner.Id, _owner.Name);
        scope.ServiceProvider.GetRequiredService<OrgContext>().Enter(_org.Id);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(CancellationToken.None);
        var ledger = scope.ServiceProvider.GetRequiredService<ILedgerStore>();
        var posted = (await ledger.FindAsync(_org.Id, postedId, CancellationToken.None))!;
        await ledger.InsertAsync(_org.Id, posted with { Id = Guid.CreateVersion7(), Number = posted.Number + 1 }, [], CancellationToken.None);
    }
}

public sealed class DocumentClaimTestsOnPostgres(PostgresFixture fixture) : DocumentClaimTests<PostgresFixture>(fixture);

public sealed class DocumentClaimTestsOnSqlite(SqliteFixture fixture) : DocumentClaimTests<SqliteFixture>(fixture);
