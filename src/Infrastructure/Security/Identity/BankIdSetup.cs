using CleanLedger.Application.Identity.BankId;
using CleanLedger.Infrastructure.Persistence.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanLedger.Infrastructure.Security.Identity;

public static class BankIdSetup
{
    /// <summary>Sign-in with BankID through the broker; offered only when <see cref="BankIdOptions"/> is complete.</summary>
    public static IServiceCollection AddBankIdSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        // A key that is set but unusable stops the host now, not at the first person's sign-in.
        _ = BankIdOptions.PersonnummerHmacKey(configuration);
        services.AddOptions<BankIdOptions>().BindConfiguration(BankIdOptions.Section);
        services.AddHttpClient(OidcBankIdBroker.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptionsMonitor<BankIdOptions>>().CurrentValue.BrokerTimeout);
        services.AddSingleton<BrokerMetadata>();
        services.AddScoped<IBankIdBroker, OidcBankIdBroker>();
        services.AddSingleton<IPersonnummerHasher, PersonnummerHasher>();
        services.AddScoped<ISignInAttemptStore, SignInAttemptStore>();
        services.AddScoped<IBankIdAccounts, BankIdAccountStore>();
        services.AddScoped<BankIdSignIn>();
        return services;
    }
}
