using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Domain.Common;
using Riok.Mapperly.Abstractions;

namespace CleanLedger.Api.Endpoints.Ledger;

/// <summary>Between the contract's shapes (kronor strings) and the Application's (öre).</summary>
[Mapper]
public static partial class LedgerApiMapper
{
    /// <summary>The Application's input; a null line is the client's mistake (400), caught before mapping.</summary>
    public static VerificationInput ToInput(this VerificationRequest request) =>
        request.Lines.Contains(null!)
            ? throw new BadHttpRequestException("A verification line may not be null.")
            : Map(request);

    private static partial VerificationInput Map(VerificationRequest request);

    /// <summary>Lines in the Application's shape; a null line is the client's mistake (400).</summary>
    public static IReadOnlyList<LineInput> ToInputs(this IReadOnlyList<VerificationLineRequest> lines) =>
        lines.Contains(null!) ? throw new BadHttpRequestException("A verification line may not be null.") : lines.Select(ToInput).ToList();

    [MapProperty(nameof(VerificationLineRequest.Debit), nameof(LineInput.DebitOre))]
    [MapProperty(nameof(VerificationLineRequest.Credit), nameof(LineInput.CreditOre))]
    private static partial LineInput ToInput(VerificationLineRequest line);

    [MapProperty(nameof(VerificationDetails.GrossOre), nameof(VerificationResponse.Gross))]
    [MapProperty(nameof(VerificationDetails.GrossOre), nameof(VerificationResponse.GrossOre))]
    public static partial VerificationResponse ToResponse(this VerificationDetails details);

    [MapProperty(nameof(VerificationLineDetails.DebitOre), nameof(VerificationLineResponse.Debit))]
    [MapProperty(nameof(VerificationLineDetails.DebitOre), nameof(VerificationLineResponse.DebitOre))]
    [MapProperty(nameof(VerificationLineDetails.CreditOre), nameof(VerificationLineResponse.Credit))]
    [MapProperty(nameof(VerificationLineDetails.CreditOre), nameof(VerificationLineResponse.CreditOre))]
    private static partial VerificationLineResponse ToResponse(VerificationLineDetails line);

    public static partial VerificationListResponse ToResponse(this VerificationPage page);

    [MapProperty(nameof(VerificationSummary.GrossOre), nameof(VerificationSummaryResponse.Gross))]
    [MapProperty(nameof(VerificationSummary.GrossOre), nameof(VerificationSummaryResponse.GrossOre))]
    private static partial VerificationSummaryResponse ToResponse(VerificationSummary summary);

    private static long ToOre(Kronor? amount) => amount?.Ore ?? 0;

    private static string ToKronor(long ore) => Money.FormatKronor(ore);
}
