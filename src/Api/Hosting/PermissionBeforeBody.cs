using CleanLedger.Application.Common.Errors;
using CleanLedger.Application.Common.Messaging;
using CleanLedger.Application.Common.Security;

namespace CleanLedger.Api.Hosting;

/// <summary>
/// For routes that take a large body (uploads): the caller's permission for the route's command
/// is checked before the body is read, so a non-member is answered 404 and a member whose role
/// lacks the permission 403 without the upload being received. The command checks again when it
/// runs; this check only keeps a refused caller from making the server read, store and hash a
/// body it will throw away.
/// </summary>
public static class PermissionBeforeBody
{
    private const string OrgIdRouteValue = "orgId";

    /// <summary>Requires <typeparamref name="TCommand"/>'s permission in the route's {orgId} before the handler reads the body.</summary>
    public static RouteHandlerBuilder RequirePermissionBeforeBody<TCommand>(this RouteHandlerBuilder route)
        where TCommand : IOrgScoped =>
        route.WithMetadata(new PermissionBeforeBodyMetadata(TCommand.RequiredPermission)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.Request.RouteValues[OrgIdRouteValue]?.ToString(), out var orgId))
                throw new InvalidOperationException($"{http.GetEndpoint()?.DisplayName} has no {{{OrgIdRouteValue}:guid}} to check a permission in.");

            try
            {
                await DemandInOwnScopeAsync(http, orgId, TCommand.RequiredPermission);
            }
            catch (Exception refusal) when (refusal is NotFoundException or ForbiddenException or UnauthenticatedException
                                             && HttpProtocol.IsHttp11(http.Request.Protocol))
            {
                // Closing the connection after the answer, or Kestrel would read (and discard) the
                // unread body to keep it open. Set as the answer starts: the exception handler
                // clears the headers before it writes the problem.
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers.Connection = "close";
                    return Task.CompletedTask;
                });
                throw;
            }

            return await next(context);
        });

    // A scope of its own, closed before the body streams: the check's database connection (and
    // its read transaction) is not held for as long as a large upload takes.
    private static async Task DemandInOwnScopeAsync(HttpContext http, Guid orgId, Domain.Access.Permissions permission)
    {
        await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var caller = http.RequestServices.GetRequiredService<ICurrentUser>();
        if (caller.IsAuthenticated)
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(caller.UserId, caller.DisplayName, caller.PlatformRole);
        await scope.ServiceProvider.GetRequiredService<OrgAccess>().DemandAsync(orgId, permission, http.RequestAborted);
    }
}

/// <summary>Marks a route whose permission is checked before its body is read (so a test can find upload routes without it).</summary>
public sealed record PermissionBeforeBodyMetadata(Domain.Access.Permissions Permission);
