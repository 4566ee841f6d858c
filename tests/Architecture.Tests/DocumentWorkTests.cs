using System.Reflection;
using NetArchTest.Rules;

namespace CleanLedger.Architecture.Tests;

/// <summary>
/// Memory-heavy document work stays behind the document work gate (docs/adr/0023): a child process
/// is started only by the one runner that applies a slot's address-space limit, and PDFs are parsed
/// in process only by the text-layer reader, which takes a slot.
/// </summary>
public sealed class DocumentWorkTests
{
    private static readonly Assembly[] Ours =
    [
        typeof(Domain.Common.DomainException).Assembly,
        typeof(Application.DependencyInjection).Assembly,
        typeof(Infrastructure.DependencyInjection).Assembly,
        typeof(Api.Endpoints.OrganizationEndpoints).Assembly,
        typeof(Admin.Pages.Organizations.IndexModel).Assembly,
    ];

    [Theory]
    [InlineData("System.Diagnostics.Process", "CleanLedger.Infrastructure.Documents.LimitedProcess")]
    [InlineData("UglyToad.PdfPig", "CleanLedger.Infrastructure.Receipts.Ocr.PdfTextLayer")]
    public void Only_the_gated_runner_uses_a_memory_heavy_dependency(string dependency, string gatedType)
    {
        var users = Types.InAssemblies(Ours).ShouldNot().HaveDependencyOn(dependency).GetResult().FailingTypeNames ?? [];

        // The type itself and what the compiler makes of its methods (async state machines, lambdas).
        users.ShouldContain(user => IsPartOf(user, gatedType));
        users.ShouldAllBe(user => IsPartOf(user, gatedType), string.Join(", ", users));
    }

    private static bool IsPartOf(string typeName, string gatedType) =>
        typeName == gatedType || typeName.StartsWith(gatedType + "/", StringComparison.Ordinal) || typeName.StartsWith(gatedType + "+", StringComparison.Ordinal);
}
