using CleanLedger.Testing;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CleanLedger.Api.Tests.Support;

namespace CleanLedger.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document is what frontend teams generate their clients from: every operation is
/// fully declared, an independent validator accepts it, and a typed TypeScript client generated
/// from it compiles against code that uses it.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static readonly string ToolFolder = Path.Combine(RepositoryPaths.Root, "tests", "Api.Tests", "openapi-check");

    [Fact]
    public async Task Every_operation_is_named_summarised_and_declares_its_success_and_problem_answers()
    {
        var document = await FetchDocumentAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Route: $"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))
            .ToList();
        operations.Select(operation => operation.Route).ShouldContain("GET /api/v1/me");
        operations.Select(operation => operation.Route).ShouldContain("POST /api/v1/orgs");
        operations.Select(operation => operation.Route).ShouldContain("GET /api/v1/orgs/{orgId}");
        foreach (var (route, operation) in operations)
        {
            operation.GetProperty("operationId").GetString().ShouldNotBeNullOrEmpty(route);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrEmpty(route);
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(response => response.Name, response => response.Value);
            responses.Keys.ShouldContain(status => status.StartsWith('2'), route);
            responses.Keys.ShouldContain("429", route);
            foreach (var problem in responses.Where(response => response.Key[0] is '4' or '5'))
                problem.Value.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue($"{route} {problem.Key}");
        }
    }

    [Theory]
    [InlineData("VatCode", "vat25")]
    [InlineData("DocumentStatus", "needs_review")]
    [InlineData("OrgRole", "bookkeeper")]
    public async Task Enum_schemas_list_the_values_the_api_reads_and_writes(string schema, string value)
    {
        var document = await FetchDocumentAsync();

        var values = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("enum");

        values.EnumerateArray().Select(item => item.GetString()).ShouldContain(value);
    }

    [Fact]
    public async Task Redocly_accepts_the_document_without_errors_or_warnings()
    {
        var file = await SaveDocumentAsync();

        var (exitCode, output) = await RunToolAsync("redocly", $"lint --format=stylish {file}");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Your API description is valid");
        output.ShouldNotContain("warning  ");
    }

    [Fact]
    public async Task A_typed_client_generated_from_the_document_compiles_against_code_that_uses_it()
    {
        var file = await SaveDocumentAsync();
        var folder = Path.GetDirectoryName(file)!;
        File.Copy(Path.Combine(ToolFolder, "client-usage.ts"), Path.Combine(folder, "client-usage.ts"));

        var generated = await RunToolAsync("openapi-typescript", $"{file} -o {Path.Combine(folder, "api.ts")}");
        generated.ExitCode.ShouldBe(0, generated.Output);
        var compiled = await RunToolAsync("tsc", $"--strict --noEmit --target es2022 --module nodenext --moduleResolution nodenext {Path.Combine(folder, "client-usage.ts")}");

        compiled.ExitCode.ShouldBe(0, compiled.Output);
    }

    private async Task<JsonElement> FetchDocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<string> SaveDocumentAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cleanledger-openapi-").FullName;
        var file = Path.Combine(folder, "openapi.json");
        await File.WriteAllTextAsync(file, (await FetchDocumentAsync()).GetRawText());
        return file;
    }

    private static async Task<(int ExitCode, string Output)> RunToolAsync(string tool, string arguments)
    {
        var executable = Path.Combine(ToolFolder, "node_modules", ".bin", tool);
        File.Exists(executable).ShouldBeTrue($"{executable} is missing: ./build/test.sh installs it (npm ci in {ToolFolder}).");
        using var process = Process.Start(new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ToolFolder,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
