using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Infrastructure.Exports.Sie;

namespace CleanLedger.Infrastructure.Tests.Exports;

/// <summary>The reader's tolerance and exactness on small files written here.</summary>
public sealed class SieReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cleanledger-sie-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_added_row_counts_once_and_a_struck_row_not_at_all()
    {
        var books = await ReadAsync(
            "#FLAGGA 0",
            "#RAR 0 20250101 20251231",
            "#VER A 1 20250115 \"Inköp\"",
            "{",
            "   #TRANS 5460 {} 100.00",
            "   #BTRANS 5460 {} 90.00",
            "   #RTRANS 2641 {} 25.00",
            "   #TRANS 2641 {} 25.00",
            "   #TRANS 1930 {} -125.00",
            "}");

        books.Vouchers.ShouldHaveSingleItem().Rows.Select(row => (row.Account, row.Ore)).ShouldBe([("5460", 100_00L), ("2641", 25_00L), ("1930", -125_00L)]);
    }

    [Fact]
    public async Task Tabs_quotes_blank_lines_amounts_without_decimals_and_unknown_records_are_read()
    {
        var books = await ReadAsync(
            "#FLAGGA\t0",
            "",
            "#FNAMN\t\"Övningsbolaget AB\"",
            "#RAR\t0\t20250101\t20251231",
            "#KONTO\t1930\t\"Företagskonto\"",
            "#KTYP 1930 T",
            "#SRU 1930 7281",
            "#IB 0 1930 1000",
            "#NYTT falt som inte finns",
            "#VER \"A\" \"7\" 20250301 \"\" 20250302",
            "{",
            "#TRANS 1930 {\"1\" \"10\"} -50",
            "#TRANS 6570 {} 50",
            "}");

        books.CompanyName.ShouldBe("Övningsbolaget AB");
        books.Accounts.ShouldHaveSingleItem().ShouldBe(new SieAccount("1930", "Företagskonto", 'T', "7281"));
        books.OpeningBalances["1930"].ShouldBe(1000_00);
        var voucher = books.Vouchers.ShouldHaveSingleItem();
        (voucher.Series, voucher.Number, voucher.Registered).ShouldBe(("A", (long?)7, (DateOnly?)new DateOnly(2025, 3, 2)));
        books.Warnings.ShouldHaveSingleItem().ShouldContain("#NYTT");
    }

    [Theory]
    [InlineData("#TRANS 1930 {} -12.345", 7, "#TRANS")]
    [InlineData("#TRANS 1930 {} -12,34", 7, "#TRANS")]
    public async Task An_amount_with_more_than_two_decimals_or_a_comma_is_refused(string row, int line, string record)
    {
        var refusal = await Should.ThrowAsync<SieFormatException>(() => ReadAsync(
            "#FLAGGA 0", "#RAR 0 20250101 20251231", "#VER A 1 20250115 \"X\"", "{", "#TRANS 6570 {} 12.34", "", row, "}"));

        (refusal.Line, refusal.Record).ShouldBe((line, record));
    }

    [Fact]
    public async Task A_file_cut_off_inside_a_voucher_is_refused()
    {
        var refusal = await Should.ThrowAsync<SieFormatException>(() => ReadAsync(
            "#FLAGGA 0", "#RAR 0 20250101 20251231", "#VER A 1 20250115 \"X\"", "{", "#TRANS 6570 {} 12.34"));

        (refusal.Line, refusal.Record).ShouldBe((3, "#VER"));
        refusal.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task A_wrong_or_missing_closing_checksum_is_refused()
    {
        var wrong = await Should.ThrowAsync<SieFormatException>(() => ReadAsync("#FLAGGA 0", "#KSUMMA", "#FNAMN \"X\"", "#KSUMMA 12345"));
        var missing = await Should.ThrowAsync<SieFormatException>(() => ReadAsync("#FLAGGA 0", "#KSUMMA", "#FNAMN \"X\""));

        (wrong.Line, wrong.Record).ShouldBe((4, "#KSUMMA"));
        missing.Message.ShouldContain("truncated");
    }

    private async Task<SieBooks> ReadAsync(params string[] lines)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.se");
        await File.WriteAllBytesAsync(path, SieEncoding.Pc8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        return await new SieReader().ReadAsync(path, CancellationToken.None);
    }
}
