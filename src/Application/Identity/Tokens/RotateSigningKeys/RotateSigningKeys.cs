using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Domain.Access;
using CleanLedger.Domain.Identity;
using Mediator;

namespace CleanLedger.Application.Identity.Tokens.RotateSigningKeys;

/// <summary>One rotation run (the recurring job, or an administrator): see <see cref="SigningKeyRotation"/>.</summary>
public sealed record RotateSigningKeys : ICommand<KeyRotationPlan>, IPlatformScoped
{
    /// <summary>No Admin page offers it: the admin role and the automation actor's recurring job.</summary>
    public static PlatformPermissions RequiredPermission => PlatformPermissions.RotateSigningKeys;
}

public sealed class RotateSigningKeysHandler(ISigningKeyRing keys, IPlatformAudit audit, KeyRotationPolicy policy, TimeProvider clock)
    : ICommandHandler<RotateSigningKeys, KeyRotationPlan>
{
    public const string KeyStateChanged = "signing-key.state-changed";
    public const string KeyCreated = "signing-key.created";

    public async ValueTask<KeyRotationPlan> Handle(RotateSigningKeys command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var plan = SigningKeyRotation.Plan(await keys.ListLiveAsync(cancellationToken), now, policy);
        foreach (var transition in plan.Transitions)
        {
            await keys.MoveAsync(transition, now, cancellationToken);
            await audit.RecordAsync(KeyStateChanged, transition.Kid, new { from = transition.From, to = transition.To, transition.RetireAt }, cancellationToken);
        }

        if (plan.NewKey is { } state)
        {
            var kid = await keys.CreateAsync(state, now, cancellationToken);
            await audit.RecordAsync(KeyCreated, kid, new { state }, cancellationToken);
        }

        return plan;
    }
}
