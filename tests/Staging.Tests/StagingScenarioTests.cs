using System.Net;

namespace CleanLedger.Staging.Tests;

public sealed class StagingScenarioTests(StagingEnvironment staging) : IClassFixture<StagingEnvironment>
{
    [Fact]
    public async Task Both_hosts_start_with_their_secrets_from_Secrets_Manager()
    {
        (await staging.Api.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staging.Admin.CreateClient().GetAsync("/healthz")).StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError);
        staging.Secrets.Served.ShouldBeGreaterThanOrEqualTo(2);
    }
}
