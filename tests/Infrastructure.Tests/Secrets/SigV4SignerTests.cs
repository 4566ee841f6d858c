using System.Text;
using CleanLedger.Infrastructure.Hosting.Secrets;

namespace CleanLedger.Infrastructure.Tests.Secrets;

/// <summary>
/// AWS's Signature Version 4 test suite ("aws-sig-v4-test-suite", as kept in awslabs/aws-c-auth
/// under tests/aws-signing-test-suite/v4/NAME): key AKIDEXAMPLE, region us-east-1, service
/// "service", 2015-08-30T12:36:00Z. Each case is the suite's request and the signature it publishes.
/// </summary>
public sealed class SigV4SignerTests
{
    private const string SuiteSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SuiteRegion = "us-east-1";
    private const string SuiteService = "service";
    private const string SuiteDate = "20150830T123600Z";

    public static TheoryData<string, string, string, string[], string, string, string> Suite => new()
    {
        { "get-vanilla", "GET", "/", [], "", "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "post-vanilla", "POST", "/", [], "", "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", [], "", "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "get-utf8", "GET", "/ሴ", [], "", "host;x-amz-date", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
        { "get-header-value-trim", "GET", "/", ["My-Header1: value1", "My-Header2: \"a   b   c\""], "", "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "post-x-www-form-urlencoded", "POST", "/", ["Content-Type:application/x-www-form-urlencoded"], "Param1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
        { "get-vanilla-with-session-token", "GET", "/", ["X-Amz-Security-Token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"], "", "host;x-amz-date;x-amz-security-token", "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8" },
    };

    [Theory]
    [MemberData(nameof(Suite))]
    public void Signs_the_suites_requests_as_published(string vector, string method, string target, string[] extraHeaders, string body, string signedHeaders, string signature)
    {
        var signed = SigV4Signer.Sign(SuiteRequest(method, target, extraHeaders, body), SuiteSecretKey, SuiteRegion, SuiteService);

        signed.Authorization("AKIDEXAMPLE").ShouldBe(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}",
            vector);
    }

    [Fact]
    public void The_canonical_request_and_string_to_sign_are_the_suites_for_post_x_www_form_urlencoded()
    {
        var signed = SigV4Signer.Sign(SuiteRequest("POST", "/", ["Content-Type:application/x-www-form-urlencoded"], "Param1=value1"), SuiteSecretKey, SuiteRegion, SuiteService);

        signed.CanonicalRequest.ShouldBe(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            + "content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
        signed.StringToSign.ShouldBe(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
    }

    public static TheoryData<string, Func<SignableRequest, SignableRequest>, string, string, string> Changes => new()
    {
        { "the method", request => request with { Method = "PUT" }, SuiteSecretKey, SuiteRegion, SuiteService },
        { "the path", request => request with { Path = "/other" }, SuiteSecretKey, SuiteRegion, SuiteService },
        { "the query", request => request with { Query = [new("Param1", "value2")] }, SuiteSecretKey, SuiteRegion, SuiteService },
        { "a header's value", request => request with { Headers = [.. request.Headers.Select(header => header.Key == "Content-Type" ? new(header.Key, "text/plain") : header)] }, SuiteSecretKey, SuiteRegion, SuiteService },
        { "the date", request => request with { Headers = [.. request.Headers.Select(header => header.Key == "X-Amz-Date" ? new(header.Key, "20150830T123601Z") : header)] }, SuiteSecretKey, SuiteRegion, SuiteService },
        { "one byte of the body", request => request with { Body = Encoding.UTF8.GetBytes("Param1=value2") }, SuiteSecretKey, SuiteRegion, SuiteService },
        { "the secret key", request => request, SuiteSecretKey + "x", SuiteRegion, SuiteService },
        { "the region", request => request, SuiteSecretKey, "eu-north-1", SuiteService },
        { "the service", request => request, SuiteSecretKey, SuiteRegion, "secretsmanager" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_signed_part_changes_the_signature(string part, Func<SignableRequest, SignableRequest> change, string secretKey, string region, string service)
    {
        var original = SuiteRequest("POST", "/", ["Content-Type:application/x-www-form-urlencoded"], "Param1=value1");

        var changed = SigV4Signer.Sign(change(original), secretKey, region, service).Signature;

        changed.ShouldNotBe(SigV4Signer.Sign(original, SuiteSecretKey, SuiteRegion, SuiteService).Signature, part);
    }

    [Fact]
    public void A_request_without_its_date_is_not_signed() =>
        Should.Throw<ArgumentException>(() => SigV4Signer.Sign(
            new SignableRequest("GET", "/", [], [new("Host", "example.amazonaws.com")], Array.Empty<byte>()), SuiteSecretKey, SuiteRegion, SuiteService));

    /// <summary>The suite's request: Host and X-Amz-Date, then the case's own headers ("Name:value").</summary>
    private static SignableRequest SuiteRequest(string method, string target, string[] extraHeaders, string body)
    {
        var (path, query) = target.Split('?', 2) is [var p, var q] ? (p, q) : (target, "");
        List<KeyValuePair<string, string>> headers = [new("Host", "example.amazonaws.com"), new("X-Amz-Date", SuiteDate)];
        headers.AddRange(extraHeaders.Select(header => header.Split(':', 2)).Select(pair => new KeyValuePair<string, string>(pair[0], pair[1])));
        List<KeyValuePair<string, string>> parameters = query.Length == 0
            ? []
            : query.Split('&').Select(pair => pair.Split('=', 2)).Select(pair => new KeyValuePair<string, string>(pair[0], pair[1])).ToList();
        return new SignableRequest(method, path, parameters, headers, Encoding.UTF8.GetBytes(body));
    }
}
