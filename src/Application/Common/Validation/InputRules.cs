using CleanLedger.Domain.Ledger;
using FluentValidation;

namespace CleanLedger.Application.Common.Validation;

/// <summary>The rules every free text and every date of a request obeys (ADR 0016), one definition each.</summary>
public static class InputRules
{
    /// <summary>No control characters and no broken Unicode (<see cref="PlainText"/>).</summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Domain.Common.PlainText.IsClean).WithMessage($"'{{PropertyName}}' {Domain.Common.PlainText.Requirement}.");

    /// <summary>A VAT return period of some filing frequency inside the window; whether it is the organisation's own is the handler's to say.</summary>
    public static IRuleBuilderOptions<T, string> VatReportPeriod<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(Domain.Ledger.Vat.VatReportPeriod.IsWellFormed).WithMessage($"'{{PropertyValue}}' is not a VAT period ({Domain.Ledger.Vat.VatReportPeriod.Written}).");

    /// <summary>Within the dates the books hold (<see cref="BookkeepingDates"/>).</summary>
    public static IRuleBuilderOptions<T, DateOnly> WithinBookkeepingDates<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.Must(BookkeepingDates.Contains).WithMessage($"'{{PropertyName}}' is a date {BookkeepingDates.Window}.");

    /// <inheritdoc cref="WithinBookkeepingDates{T}(IRuleBuilder{T, DateOnly})"/>
    public static IRuleBuilderOptions<T, DateOnly?> WithinBookkeepingDates<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(date => date is not { } value || BookkeepingDates.Contains(value)).WithMessage($"'{{PropertyName}}' is a date {BookkeepingDates.Window}.");
}
