using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;

namespace CleanLedger.Api.Tests.Documents;

/// <summary>An Api whose clamd does not answer.</summary>
public sealed class ScannerDownApiFactory() : ApiFactory(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Documents:VirusScan:Port"] = "1",
        ["Documents:VirusScan:TimeoutSeconds"] = "2",
    };
}

/// <summary>Uploads are scanned by the real clamd that ./build/test.sh starts (with a local EICAR signature).</summary>
public sealed class VirusScanTests(SqliteApiFactory factory, ScannerDownApiFactory scannerDown)
    : IClassFixture<SqliteApiFactory>, IClassFixture<ScannerDownApiFactory>
{
    // The EICAR anti-virus test file, kept base64 so no file here carries it literally.
    private static readonly byte[] Eicar = Convert.FromBase64String(
        "WDVPIVAlQEFQWzRcUFpYNTQoUF4pN0NDKTd9JEVJQ0FSLVNUQU5EQVJELUFOVElWSVJVUy1URVNULUZJTEUhJEgrSCo=");

    public static TheoryData<string, string> Infected() => new()
    {
        { "plain", "eicar.txt" },
        { "renamed", "kvitto.jpg" },
        { "inside-pdf", "faktura.pdf" },
    };

    [Theory]
    [MemberData(nameof(Infected))]
    public async Task Malware_is_refused_with_422_naming_the_signature_and_nothing_is_stored(string how, string fileName)
    {
        var (client, orgId) = await SignedInAsync(factory);
        var bytes = how switch
        {
            "inside-pdf" => [.. await File.ReadAllBytesAsync(SharedData.SwedishReceipts("pdf").First()), .. "\n%"u8.ToArray(), .. Eicar, .. "\n%%EOF\n"u8.ToArray()],
            _ => Eicar,
        };

        var problem = await (await client.UploadAsync(orgId, bytes, fileName)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("code").GetString().ShouldBe("virus.found");
        problem.GetProperty("detail").GetString()!.ShouldContain("Eicar-Test-Signature-Local");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task A_clean_receipt_is_recorded_as_scanned_clean()
    {
        var (client, orgId) = await SignedInAsync(factory);

        var uploaded = await (await client.UploadAsync(orgId, await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0007.jpg")), "ren.jpg"))
            .Content.ReadFromJsonAsync<JsonElement>();

        var document = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents/{uploaded.GetProperty("id").GetGuid()}");
        document.GetProperty("scanResult").GetString().ShouldBe("clean");
    }

    [Fact]
    public async Task An_unreachable_scanner_fails_closed_with_503_and_stores_nothing()
    {
        var (client, orgId) = await SignedInAsync(scannerDown);

        var response = await client.UploadAsync(orgId, await File.ReadAllBytesAsync(SharedData.SwedishReceipt("receipt_0008.jpg")), "k.jpg");

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/documents")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    private static async Task<(HttpClient Client, Guid OrgId)> SignedInAsync(ApiFactory api)
    {
        var client = api.ClientFor(TestUser.New("Skanna"));
        return (client, await client.CreateOrganizationAsync("Skanna AB"));
    }
}
