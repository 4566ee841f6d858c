using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanLedger.Api.Tests.Support;
using CleanLedger.Infrastructure.Persistence;

namespace CleanLedger.Api.Tests.Hardening;

/// <summary>The Api without rate limits, so that a walk of thousands of requests reaches the handlers.</summary>
public abstract class UnthrottledApiFactory(DatabaseProvider provider) : ApiFactory(provider)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PerIp:PermitLimit"] = "1000000",
        ["RateLimiting:PerUser:PermitLimit"] = "1000000",
    };
}

public sealed class UnthrottledPostgresApiFactory() : UnthrottledApiFactory(DatabaseProvider.Postgres);

public sealed class UnthrottledSqliteApiFactory() : UnthrottledApiFactory(DatabaseProvider.Sqlite);

/// <summary>
/// Every operation of the OpenAPI document, fed boundary values one at a time — in each path
/// parameter, each query parameter and each field of a JSON body — as the owner of an
/// organisation with books: whatever the value, the answer is below 500 (ADR 0016). Multipart
/// bodies are the upload tests'; their routes still get every boundary path value.
/// </summary>
public abstract class BoundaryValueTests<TFactory>(TFactory factory) : OwnerApiTest<TFactory>(factory)
    where TFactory : ApiFactory
{
    private const int LongTextLength = 10_000;
    private const int MinimumRequests = 1_000;

    private static readonly string LongText = new('x', LongTextLength);

    // An unpaired surrogate cannot be encoded by the client's own serializer: sent as the escape
    // (JSON) or as the bytes of one (URLs), in place of this marker.
    private const string LoneSurrogate = "<lone-surrogate>";

    private static readonly string[] Texts =
        ["", " ", "\u0000", "a\u0000b", "\u0007\u001b\u007f\u0085", "\t\r\n", LoneSurrogate, "\u202e\ufeff", "'; DROP TABLE verifications; --", LongText];

    // No %00: Kestrel refuses a NUL in the path before any route is chosen (400).
    private static readonly string[] PathTexts =
        ["0000-01", "9999-12", "2026-13", "2026-Q5", "2026-Q0", "0000", "9999", "0", "-1", "9223372036854775807", "1e308", "%07", "%1B", "%E2%80%AE", new string('9', 2_000)];

    private static readonly string[] QueryIntegers = ["0", "-1", "-2147483648", "2147483647", "2147483648", "9223372036854775807", "-9223372036854775808", "1e308", "1.5", "", "abc"];

    private static readonly string[] QueryDates = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "0000-01-01", "2026-02-30", "", "abc"];

    private static readonly Func<JsonNode?>[] BodyValues =
    [
        .. Texts.Select(text => (Func<JsonNode?>)(() => JsonValue.Create(text))),
        () => JsonValue.Create("0000-01-01"), () => JsonValue.Create("0001-01-01"), () => JsonValue.Create("9999-12-31"),
        () => JsonValue.Create("9999-12"), () => JsonValue.Create("00000000-0000-0000-0000-000000000000"),
        () => JsonValue.Create(0), () => JsonValue.Create(-1), () => JsonValue.Create(long.MaxValue), () => JsonValue.Create(long.MinValue),
        () => JsonValue.Create(1e308), () => JsonValue.Create(-1e308), () => JsonValue.Create(0.001m),
        () => JsonValue.Create("9223372036854775807"), () => JsonValue.Create("-99999999999999999999.99"),
        () => null, () => JsonValue.Create(true), () => new JsonObject(), () => new JsonArray(),
    ];

    private const string ValidValues = "valid values";

    private const string Sale = """[{"account":"1930","debit":"125.00"},{"account":"3001","credit":"100.00","vatCode":"vat25"},{"account":"2611","credit":"25.00"}]""";

    private const string SaleVerification = $$"""{"date":"2026-11-02","description":"Försäljning","counterparty":"Kund","series":"A","lines":{{Sale}}}""";

    // Bodies that succeed, by operation: each boundary value replaces one of their fields. An
    // operation not listed gets a body sampled from its schema.
    private static readonly Dictionary<string, string> ValidBodies = new()
    {
        ["CreateOrganization"] = """{"name":"Gräns AB","orgNumber":"556677-8899","vatPeriod":"monthly","fiscalYearStart":"01-01"}""",
        ["SetMemberRole"] = """{"role":"viewer"}""",
        ["PostVerification"] = SaleVerification,
        ["PrecheckVerification"] = SaleVerification,
        ["CreateFiscalYear"] = """{"start":"2027-01-01","end":"2027-12-31"}""",
        ["AddAccount"] = """{"number":"6999","name":"Övriga kostnader","type":"expense","defaultVatCode":"vat25","sruCode":"7513"}""",
        ["ApproveReview"] = $$"""{"account":"6110","date":"2026-11-02","paidPrivately":false,"description":"Kvitto","total":"125.00","lines":{{Sale}}}""",
    };

    // Query parameters an operation needs, with values that succeed.
    private static readonly Dictionary<string, string> RequiredQueryValues = new() { ["year"] = "2026" };

    private Guid _saleId;

    [Fact]
    public async Task Every_operation_fed_boundary_values_answers_below_500()
    {
        _saleId = await PostABookedSaleAsync();
        var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in Operations(document))
        {
            foreach (var (description, request) in Requests(document, operation))
            {
                using var response = await Client.SendAsync(request);
                sent++;
                if (description == ValidValues && ValidBodies.ContainsKey(operation.Id) && !NamesARandomResource(operation))
                    ((int)response.StatusCode).ShouldBeLessThan(300, $"{operation.Id}: the walk starts from a request that succeeds");
                if ((int)response.StatusCode >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{operation.Method} {operation.Path} with {description}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                }
            }
        }

        sent.ShouldBeGreaterThan(MinimumRequests);
        failures.ShouldBeEmpty($"{failures.Count} of {sent} requests answered 5xx:\n{string.Join('\n', failures.Take(40))}");
    }

    private async Task<Guid> PostABookedSaleAsync()
    {
        var posted = await Client.PostAsync($"/api/v1/orgs/{OrgId}/verifications", new StringContent(SaleVerification, Encoding.UTF8, "application/json"));
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private sealed record Operation(string Id, HttpMethod Method, string Path, IReadOnlyList<Parameter> Parameters, JsonElement? JsonBody);

    private sealed record Parameter(string Name, string In, bool Required, JsonElement Schema);

    // Ids the walk has: the organisation and its posted sale; any other id is one nobody has.
    private static readonly string[] KnownIds = ["orgId", "verificationId"];

    private static bool NamesARandomResource(Operation operation) => operation.Parameters.Any(p => p.In == "path" && IsUuid(p.Schema) && !KnownIds.Contains(p.Name));

    private static IEnumerable<Operation> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(operation =>
        {
            var parameters = operation.Value.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(p => new Parameter(
                    p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, p.TryGetProperty("required", out var required) && required.GetBoolean(), p.GetProperty("schema"))).ToList()
                : [];
            JsonElement? json = operation.Value.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var media)
                ? media.GetProperty("schema")
                : null;
            return new Operation(operation.Value.GetProperty("operationId").GetString()!, new HttpMethod(operation.Name.ToUpperInvariant()), path.Name, parameters, json);
        }));

    private IEnumerable<(string Description, HttpRequestMessage Request)> Requests(JsonElement document, Operation operation)
    {
        var baseBody = ValidBodies.TryGetValue(operation.Id, out var valid) ? JsonNode.Parse(valid)
            : operation.JsonBody is { } schema ? Sample(document, schema, depth: 0)
            : null;
        var pathValues = operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, p => ValidPathValue(p));
        var baseQuery = operation.Parameters.Where(p => p.In == "query" && p.Required).Select(p => (p.Name, RequiredQueryValues[p.Name])).ToList();

        yield return (ValidValues, Build(operation, pathValues, baseQuery, baseBody));

        foreach (var parameter in operation.Parameters.Where(p => p.In == "path" && !IsUuid(p.Schema)))
        {
            foreach (var value in PathTexts)
                yield return ($"path {parameter.Name}='{value}'", Build(operation, new Dictionary<string, string>(pathValues) { [parameter.Name] = value }, baseQuery, baseBody));
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "path" && IsUuid(p.Schema) && p.Name != "orgId"))
        {
            foreach (var value in new[] { Guid.Empty.ToString(), Guid.NewGuid().ToString() })
                yield return ($"path {parameter.Name}='{value}'", Build(operation, new Dictionary<string, string>(pathValues) { [parameter.Name] = value }, baseQuery, baseBody));
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            var values = IsInteger(parameter.Schema) ? QueryIntegers : Format(parameter.Schema) == "date" ? QueryDates : [.. Texts, .. PathTexts];
            foreach (var value in values)
                yield return ($"query {parameter.Name}='{Shown(value)}'", Build(operation, pathValues, [.. baseQuery.Where(q => q.Name != parameter.Name), (parameter.Name, value)], baseBody));
        }

        if (operation.JsonBody is null)
            yield break;

        foreach (var whole in new Func<JsonNode?>[] { () => new JsonObject(), () => new JsonArray(), () => null, () => JsonValue.Create("x") })
            yield return ($"body {whole()?.ToJsonString() ?? "null"}", Build(operation, pathValues, baseQuery, whole(), sendNull: true));

        foreach (var pointer in Leaves(baseBody, ""))
        {
            foreach (var value in BodyValues)
            {
                var body = baseBody!.DeepClone();
                Replace(body, pointer, value());
                yield return ($"body {pointer}={Shown(value()?.ToJsonString() ?? "null")}", Build(operation, pathValues, baseQuery, body));
            }
        }
    }

    private string ValidPathValue(Parameter parameter) =>
        parameter.Name == "orgId" ? OrgId.ToString()
        : parameter.Name == "verificationId" ? _saleId.ToString()
        : IsUuid(parameter.Schema) ? Guid.NewGuid().ToString()
        : parameter.Name == "number" ? "8999"
        : "2026-01";

    private static HttpRequestMessage Build(
        Operation operation, IReadOnlyDictionary<string, string> pathValues, IReadOnlyList<(string Name, string Value)> query, JsonNode? body, bool sendNull = false)
    {
        var path = pathValues.Aggregate(operation.Path, (current, value) =>
            current.Replace($"{{{value.Key}}}", value.Value.Contains('%', StringComparison.Ordinal) ? value.Value : Escaped(value.Value), StringComparison.Ordinal));
        if (query.Count > 0)
            path += "?" + string.Join('&', query.Select(q => $"{q.Name}={Escaped(q.Value)}"));
        var request = new HttpRequestMessage(operation.Method, path);
        if (operation.JsonBody is not null && (body is not null || sendNull))
        {
            var json = (body?.ToJsonString() ?? "null").Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return request;
    }

    // A plausible value of every field the schema declares, so each boundary value is judged on its own.
    private static JsonNode? Sample(JsonElement document, JsonElement schema, int depth)
    {
        schema = Resolve(document, schema);
        if (schema.TryGetProperty("enum", out var values))
            return values.EnumerateArray().Where(value => value.ValueKind != JsonValueKind.Null).Select(value => JsonNode.Parse(value.GetRawText())).FirstOrDefault();
        var type = Types(schema).FirstOrDefault(candidate => candidate != "null");
        if (schema.TryGetProperty("pattern", out _) && Types(schema).Contains("number"))
            return JsonValue.Create("1.00");
        return type switch
        {
            "object" or null when schema.TryGetProperty("properties", out var properties) && depth < 4 =>
                new JsonObject(properties.EnumerateObject().Select(property => KeyValuePair.Create(property.Name, Sample(document, property.Value, depth + 1)))),
            "array" when depth < 4 => new JsonArray(Sample(document, schema.GetProperty("items"), depth + 1)),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(false),
            _ => Format(schema) switch
            {
                "date" => JsonValue.Create("2026-11-02"),
                "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                _ => JsonValue.Create("1930"),
            },
        };
    }

    private static IEnumerable<string> Leaves(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    yield return $"{pointer}/{name}";
                    foreach (var leaf in child is JsonObject or JsonArray ? Leaves(child, $"{pointer}/{name}") : [])
                        yield return leaf;
                }

                break;
            case JsonArray array when array.Count > 0:
                yield return $"{pointer}/0";
                foreach (var leaf in array[0] is JsonObject or JsonArray ? Leaves(array[0], $"{pointer}/0") : [])
                    yield return leaf;
                break;
        }
    }

    private static void Replace(JsonNode root, string pointer, JsonNode? value)
    {
        var steps = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = steps[..^1].Aggregate(root, (node, step) => node is JsonArray array ? array[int.Parse(step, CultureInfo.InvariantCulture)]! : node[step]!);
        if (parent is JsonArray list)
            list[int.Parse(steps[^1], CultureInfo.InvariantCulture)] = value;
        else
            parent[steps[^1]] = value;
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static IEnumerable<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(item => item.GetString()!)
        : [type.GetString()!];

    private static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    private static bool IsUuid(JsonElement schema) => Format(schema) == "uuid";

    private static bool IsInteger(JsonElement schema) => Types(schema).Contains("integer");

    private static string Escaped(string value) => Uri.EscapeDataString(value).Replace(Uri.EscapeDataString(LoneSurrogate), "%ED%A0%80", StringComparison.Ordinal);

    private static string Shown(string value) => value.Length > 40 ? $"{value[..20]}…({value.Length} chars)" : JsonEncodedText.Encode(value).ToString();
}

public sealed class BoundaryValueTestsOnPostgres(UnthrottledPostgresApiFactory factory) : BoundaryValueTests<UnthrottledPostgresApiFactory>(factory);

public sealed class BoundaryValueTestsOnSqlite(UnthrottledSqliteApiFactory factory) : BoundaryValueTests<UnthrottledSqliteApiFactory>(factory);
