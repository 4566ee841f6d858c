using CleanLedger.Application.Common.Security;
using CleanLedger.Application.Identity.Tokens.RotateSigningKeys;
using Hangfire;
using Mediator;

namespace CleanLedger.Infrastructure.Jobs;

/// <summary>The recurring run of <see cref="RotateSigningKeys"/>, as the platform's automation.</summary>
public sealed class SigningKeyRotationJob(CurrentUser user, ISender sender)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Rotation of the token signing keys")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        user.SignInAutomation();
        await sender.Send(new RotateSigningKeys(), cancellationToken);
    }
}
