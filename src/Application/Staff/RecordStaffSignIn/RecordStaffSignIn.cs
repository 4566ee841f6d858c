using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;
using CleanLedger.Domain.Access;
using FluentValidation;
using Mediator;

namespace CleanLedger.Application.Staff.RecordStaffSignIn;

/// <summary>
/// A member of staff came back from the staff identity provider: the platform chain records the
/// sign-in with the role it grants, or the refusal when the provider named no staff role, and
/// first a role change when the role differs from the one their last sign-in gave (roles are
/// granted at the provider; docs/adr/0021). The answer is that role (null: refused).
/// </summary>
public sealed record RecordStaffSignIn(string IdentityProvider, string? Email) : ICommand<PlatformRole?>, IUserScoped;

public sealed class RecordStaffSignInValidator : AbstractValidator<RecordStaffSignIn>
{
    public const int MaxIdentityProviderLength = 200;

    public const int MaxEmailLength = 254;

    public RecordStaffSignInValidator()
    {
        RuleFor(c => c.IdentityProvider).NotEmpty().MaximumLength(MaxIdentityProviderLength);
        RuleFor(c => c.Email).MaximumLength(MaxEmailLength);
    }
}

public sealed class RecordStaffSignInHandler(ICurrentUser user, IStaffSignInHistory history, IPlatformAudit audit)
    : ICommandHandler<RecordStaffSignIn, PlatformRole?>
{
    public async ValueTask<PlatformRole?> Handle(RecordStaffSignIn command, CancellationToken cancellationToken)
    {
        var role = user.PlatformRole is { } held && PlatformRoleNames.StaffRoles.Contains(held) ? held : (PlatformRole?)null;
        var subject = StaffSubject.Of(user.UserId);
        var previous = await history.LastRoleAsync(user.UserId, cancellationToken);
        if (previous != role)
        {
            await audit.RecordAsync(
                "staff.role_changed",
                subject,
                new { from = previous?.Name(), to = role?.Name(), name = user.DisplayName, identityProvider = command.IdentityProvider },
                cancellationToken);
        }

        await audit.RecordAsync(
            role is null ? "staff.sign_in_refused" : "staff.signed_in",
            subject,
            new { role = role?.Name(), name = user.DisplayName, email = command.Email, identityProvider = command.IdentityProvider },
            cancellationToken);
        return role;
    }
}
