using CleanLedger.Domain.Ledger;
using FluentValidation;

namespace CleanLedger.Application.Ledger.Verifications;

/// <summary>The shape of a proposed verification; the bookkeeping rules are the compliance engine's.</summary>
public sealed class VerificationInputValidator : AbstractValidator<VerificationInput>
{
    public const int MaxLines = 500;

    public VerificationInputValidator()
    {
        RuleFor(v => v.Date).NotEmpty();
        RuleFor(v => v.Description).NotNull().MaximumLength(500);
        RuleFor(v => v.Counterparty).MaximumLength(200);
        RuleFor(v => v.Series).Matches("^[A-Z]{1,4}$").When(v => v.Series is not null)
            .WithMessage("A series is 1 to 4 capital letters (A–Z).");
        RuleFor(v => v.Lines).NotNull().Must(lines => lines.Count <= MaxLines).WithMessage($"At most {MaxLines} lines.");
        RuleForEach(v => v.Lines).SetValidator(new LineInputValidator());
    }
}

/// <summary>One line's shape: a BAS account and non-negative amounts.</summary>
public sealed class LineInputValidator : AbstractValidator<LineInput>
{
    public LineInputValidator()
    {
        RuleFor(l => l.Account).Must(account => AccountNumber.TryParse(account, out _))
            .WithMessage("'{PropertyValue}' is not a BAS account (four digits, 1000–8999).");
        RuleFor(l => l.DebitOre).GreaterThanOrEqualTo(0);
        RuleFor(l => l.CreditOre).GreaterThanOrEqualTo(0);
        RuleFor(l => l.VatCode).IsInEnum();
    }
}
