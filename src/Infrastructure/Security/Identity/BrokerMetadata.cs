using CleanLedger.Application.Identity.BankId;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CleanLedger.Infrastructure.Security.Identity;

/// <summary>
/// The broker's discovery document and JWKS, read through the library's configuration manager
/// (cached, refreshed daily and on demand when an unknown key signs). One per host; a changed
/// authority (a reloaded setting) gets a manager of its own. https is required unless the
/// authority is on this machine (the tests' provider).
/// </summary>
public sealed class BrokerMetadata(IHttpClientFactory httpClients)
{
    private readonly Lock _gate = new();
    private (string Authority, ConfigurationManager<OpenIdConnectConfiguration> Manager)? _current;

    public Task<OpenIdConnectConfiguration> ReadAsync(string authority, CancellationToken cancellationToken) =>
        ReadAsync(ManagerFor(authority), cancellationToken);

    /// <summary>Reads again (within the library's minimum refresh interval) after a token named a key not known yet.</summary>
    public Task<OpenIdConnectConfiguration> ReadAfterKeyMissAsync(string authority, CancellationToken cancellationToken)
    {
        var manager = ManagerFor(authority);
        manager.RequestRefresh();
        return ReadAsync(manager, cancellationToken);
    }

    private static async Task<OpenIdConnectConfiguration> ReadAsync(ConfigurationManager<OpenIdConnectConfiguration> manager, CancellationToken cancellationToken)
    {
        try
        {
            return await manager.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException failure)
        {
            throw new BrokerUnavailableException("The BankID broker's discovery document or keys could not be read.", failure);
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> ManagerFor(string authority)
    {
        lock (_gate)
        {
            if (_current is { } current && current.Authority == authority)
                return current.Manager;
            var address = new Uri(authority.TrimEnd('/') + "/.well-known/openid-configuration");
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(OidcBankIdBroker.HttpClientName)) { RequireHttps = !address.IsLoopback };
            var manager = new ConfigurationManager<OpenIdConnectConfiguration>(address.ToString(), new OpenIdConnectConfigurationRetriever(), retriever);
            _current = (authority, manager);
            return manager;
        }
    }
}
