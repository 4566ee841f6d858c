using CleanLedger.Application.Common.Validation;
using CleanLedger.Domain.Common;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Ledger.Verifications;
using FluentValidation;

namespace CleanLedger.Application.Ledger.Verifications;

/// <summary>The shape of a proposed verification; the bookkeeping rules are the compliance engine's.</summary>
public sealed class VerificationInputValidator : AbstractValidator<VerificationInput>
{
    public const int MaxLines = VerificationLimits.MaxLines;

    public VerificationInputValidator()
    {
        RuleFor(v => v.Date).NotEmpty().WithinBookkeepingDates();
        RuleFor(v => v.Description).NotNull().MaximumLength(500).PlainText();
        RuleFor(v => v.Counterparty).MaximumLength(200).PlainText();
        RuleFor(v => v.Series).Matches("^[A-Z]{1,4}$").When(v => v.Series is not null)
            .WithMessage("A series is 1 to 4 capital letters (A–Z).");
        RuleFor(v => v.Lines).NotNull().Must(lines => lines.Count <= MaxLines).WithMessage($"At most {MaxLines} lines.");
        RuleForEach(v => v.Lines).SetValidator(new LineInputValidator());
        // Summed wide: the lines' own ceilings are checked beside this rule, not before it.
        RuleFor(v => v.Lines).Must(lines => lines.Sum(line => (decimal)(line?.DebitOre ?? 0)) <= VerificationLimits.MaxGrossOre)
            .When(v => v.Lines is not null).WithMessage($"The debits add up to more than {Money.FormatKronor(VerificationLimits.MaxGrossOre)} kr.");
    }
}

/// <summary>One line's shape: a BAS account and amounts from zero to the line ceiling.</summary>
public sealed class LineInputValidator : AbstractValidator<LineInput>
{
    private static readonly string AmountMessage = $"An amount on a line is 0 to {Money.FormatKronor(VerificationLimits.MaxLineOre)} kr.";

    public LineInputValidator()
    {
        RuleFor(l => l.Account).Must(account => AccountNumber.TryParse(account, out _))
            .WithMessage("'{PropertyValue}' is not a BAS account (four digits, 1000–8999).");
        RuleFor(l => l.DebitOre).InclusiveBetween(0, VerificationLimits.MaxLineOre).WithMessage(AmountMessage);
        RuleFor(l => l.CreditOre).InclusiveBetween(0, VerificationLimits.MaxLineOre).WithMessage(AmountMessage);
        RuleFor(l => l.VatCode).IsInEnum();
    }
}
