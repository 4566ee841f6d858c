using CleanLedger.Application.Audit;
using CleanLedger.Application.Common.Security;

namespace CleanLedger.Infrastructure.Persistence.Audit;

public sealed class PlatformAudit(AuditChainAppender chain, ICurrentUser user) : IPlatformAudit
{
    public Task RecordAsync(string action, string subject, object details, CancellationToken cancellationToken) =>
        chain.AppendToPlatformAsync(user.IsAuthenticated ? user.UserId : null, action, subject, details, cancellationToken);
}
