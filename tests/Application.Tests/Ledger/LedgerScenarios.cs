using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.PostVerification;
using CleanLedger.Domain.Ledger;
using CleanLedger.Testing;

namespace CleanLedger.Application.Tests.Ledger;

/// <summary>Verifications as a bookkeeper would enter them; amounts in öre.</summary>
public static class LedgerScenarios
{
    /// <summary>Office supplies 250 kr incl. 25 % VAT, paid by card: 6110 D 200, 2641 D 50, 1930 K 250.</summary>
    public static VerificationInput OfficeSupplies(DateOnly date, string? series = null, string counterparty = "Clas Ohlson") =>
        new(date, "Kontorsmaterial", counterparty, series, [],
        [
            new LineInput("6110", 200_00, 0, VatCode.Vat25),
            new LineInput("2641", 50_00, 0, VatCode.Vat25),
            new LineInput("1930", 0, 250_00, null),
        ]);

    public static VerificationInput Unbalanced(DateOnly date) =>
        new(date, "Felaktig", "Clas Ohlson", null, [],
        [
            new LineInput("6110", 200_00, 0, null),
            new LineInput("1930", 0, 199_99, null),
        ]);

    public static Task<PostedVerification> PostAsync(this ApplicationHarness app, TestUser user, Guid orgId, VerificationInput input) =>
        app.SendAsync<PostedVerification>(user, new PostVerification(orgId, input));
}
