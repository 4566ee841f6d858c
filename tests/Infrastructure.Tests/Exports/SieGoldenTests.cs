using CleanLedger.Application.Ledger.Verifications;
using CleanLedger.Application.Ledger.Verifications.PostVerification;
using CleanLedger.Application.Organizations;
using CleanLedger.Application.Organizations.CreateOrganization;
using CleanLedger.Application.Sie.ExportSie;
using CleanLedger.Domain.Ledger;
using CleanLedger.Domain.Organizations;
using CleanLedger.Infrastructure.Exports.Sie;
using CleanLedger.Infrastructure.Persistence;
using CleanLedger.Testing;

namespace CleanLedger.Infrastructure.Tests.Exports;

/// <summary>A whole SIE 4E export, byte for byte, for a small fixed set of books (codepage 437: å ä ö).</summary>
public sealed class SieGoldenTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private ApplicationHarness _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new ApplicationHarness(_database, clock: new FixedClock(Now));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_export_of_a_small_year_is_exactly_the_expected_bytes()
    {
        var owner = TestUser.New("Ägare");
        var org = await _app.SendAsync<OrganizationDetails>(owner, new CreateOrganization("Åre Ölstuga AB", "556677-8899", VatPeriod.Monthly, "01-01"));
        await _app.SendAsync<PostedVerification>(owner, new PostVerification(org.Id, new VerificationInput(
            new DateOnly(2026, 11, 2), "Kontorsmaterial \"Öst\" – Åhléns", "Åhléns", null, [],
            [new LineInput("6110", 200_00, 0, VatCode.Vat25), new LineInput("2641", 50_00, 0, VatCode.Vat25), new LineInput("1930", 0, 250_00, null)])));

        var (fileName, bytes) = await _app.InScopeAsync(owner, async sender =>
        {
            var export = await sender.Send(new ExportSie(org.Id, 2026));
            using var output = new MemoryStream();
            await export.WriteAsync(output, CancellationToken.None);
            return (export.FileName, output.ToArray());
        });

        fileName.ShouldBe("5566778899_2026.se");
        var text = SieEncoding.Pc8.GetString(bytes);
        var lines = text.Split('\n');
        lines[..10].ShouldBe(
        [
            "#FLAGGA 0",
            "#KSUMMA",
            "#PROGRAM \"CleanLedger\" 1.0",
            "#FORMAT PC8",
            "#GEN 20261124",
            "#SIETYP 4",
            "#ORGNR 556677-8899",
            "#FNAMN \"Åre Ölstuga AB\"",
            "#RAR 0 20260101 20261231",
            "#KPTYP EUBAS97",
        ]);
        lines.ShouldContain("#KONTO 1930 \"Företagskonto/checkkonto/affärskonto\"");
        lines.ShouldContain("#KTYP 1930 T");
        text.ShouldEndWith(string.Join('\n',
            "#UB 0 1930 -250.00",
            "#UB 0 2641 50.00",
            "#RES 0 6110 200.00",
            "#VER A 1 20261102 \"Kontorsmaterial \\\"Öst\\\" - Åhléns\" 20261124",
            "{",
            "#TRANS 6110 {} 200.00",
            "#TRANS 2641 {} 50.00",
            "#TRANS 1930 {} -250.00",
            "}",
            $"#KSUMMA {ExpectedChecksum(lines)}",
            ""));
        bytes.ShouldContain((byte)0x8F); // Å
        bytes.ShouldContain((byte)0x99); // Ö
        bytes.ShouldContain((byte)0x84); // ä
        bytes.ShouldNotContain((byte)'\r');
    }

    // The checksum over everything between the markers, recomputed by the reader's rules.
    private static string ExpectedChecksum(string[] lines)
    {
        var checksum = new SieChecksum();
        foreach (var line in lines[2..].TakeWhile(line => !line.StartsWith("#KSUMMA", StringComparison.Ordinal)))
        {
            if (SieRecord.Parse(line) is { } record)
                checksum.Add(record);
        }

        return checksum.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
