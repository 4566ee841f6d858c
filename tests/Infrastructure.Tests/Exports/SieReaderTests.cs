using CleanLedger.Application.Sie.ImportSie;
using CleanLedger.Infrastructure.Exports.Sie;
using Microsoft.Extensions.Options;

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

    public static TheoryData<string, int> Limits => new()
    {
        { nameof(SieReaderOptions.MaxLines), 0 },
        { nameof(SieReaderOptions.MaxLineLength), 0 },
        { nameof(SieReaderOptions.MaxFieldLength), 0 },
        { nameof(SieReaderOptions.MaxRowsPerVoucher), 0 },
        { nameof(SieReaderOptions.MaxVouchers), 0 },
        { nameof(SieReaderOptions.MaxLines), 1 },
        { nameof(SieReaderOptions.MaxLineLength), 1 },
        { nameof(SieReaderOptions.MaxFieldLength), 1 },
        { nameof(SieReaderOptions.MaxRowsPerVoucher), 1 },
        { nameof(SieReaderOptions.MaxVouchers), 1 },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task A_file_at_a_limit_is_read_and_one_past_it_is_refused_at_the_line_that_crosses_it(string limit, int past)
    {
        // Limits small enough to reach: 24 lines, one of 70 characters, 3 vouchers of 4 rows with 40-character texts.
        var options = new SieReaderOptions { MaxLines = 24, MaxLineLength = 70, MaxFieldLength = 40, MaxRowsPerVoucher = 4, MaxVouchers = 3 };
        var text = new string('x', 40);
        var vouchers = Enumerable.Range(1, 3).SelectMany(number => Voucher(number, rows: 4, text)).ToList();
        string[] head = ["#FLAGGA 0", "#RAR 0 20250101 20251231"];
        var (lines, line) = (limit, past) switch
        {
            (_, 0) => ([.. head, $"#PROSA {new string('y', 31)} {new string('y', 31)}", .. vouchers], 0),
            (nameof(SieReaderOptions.MaxLines), _) => ([.. head, "#PROSA y", .. vouchers, ""], 25),
            (nameof(SieReaderOptions.MaxLineLength), _) => ([.. head, $"#PROSA {new string('y', 31)} {new string('y', 32)}", .. vouchers], 3),
            (nameof(SieReaderOptions.MaxFieldLength), _) => ([.. head, .. Voucher(1, 4, text + "x")], 3),
            (nameof(SieReaderOptions.MaxRowsPerVoucher), _) => ([.. head, .. Voucher(1, 5, text)], 9),
            _ => ((string[])[.. head, .. vouchers, .. Voucher(4, 4, text)], 24),
        };

        if (past == 0)
        {
            var entries = await ReadEntriesAsync(options, lines);
            entries.OfType<SieVoucher>().Count().ShouldBe(3);
            return;
        }

        var refusal = await Should.ThrowAsync<SieFormatException>(() => ReadEntriesAsync(options, lines));
        refusal.Line.ShouldBe(line, refusal.Message);
        refusal.Message.ShouldContain(limit);
    }

    [Fact]
    public async Task The_defaults_read_every_sample_file_from_other_programs()
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(CleanLedger.Testing.SharedData.SieFile("SOURCES.md"))!).Where(path => !path.EndsWith(".md", StringComparison.Ordinal)))
        {
            await using var content = File.OpenRead(file);
            var read = () => new SieReader(Options.Create(new SieReaderOptions())).ReadAsync(content, CancellationToken.None).ToListAsync().AsTask();
            if (file.Contains("bad-balance", StringComparison.Ordinal))
                (await Should.ThrowAsync<SieFormatException>(read)).Message.ShouldContain("does not balance");
            else
                (await read()).Last().ShouldBeOfType<SieEnd>(file);
        }
    }

    [Theory]
    [InlineData("#RAR 0 99990101 99991231", 2, "#RAR")]
    [InlineData("#RAR 0 18991201 18991231", 2, "#RAR")]
    [InlineData("#VER A 1000000000 20250115 \"X\"", 3, "#VER")]
    [InlineData("#VER A 9223372036854775808 20250115 \"X\"", 3, "#VER")]
    [InlineData("#VER A 1 22000101 \"X\"", 3, "#VER")]
    public async Task Dates_and_voucher_numbers_beyond_the_books_bounds_are_refused_at_their_line(string edge, int line, string record)
    {
        string[] lines = ["#FLAGGA 0", "#RAR 0 20250101 20251231", "#VER A 1 20250115 \"X\"", "{", "#TRANS 1930 {} 1.00", "#TRANS 3001 {} -1.00", "}"];
        lines[line - 1] = edge;

        var refusal = await Should.ThrowAsync<SieFormatException>(() => ReadEntriesAsync(new SieReaderOptions(), lines));

        (refusal.Line, refusal.Record).ShouldBe((line, record));
    }

    [Fact]
    public async Task A_voucher_whose_debits_pass_a_verifications_ceiling_is_refused_at_its_line()
    {
        var rows = Enumerable.Repeat("#TRANS 1930 {} 100000000000.00", 10_000).ToArray();

        var refusal = await Should.ThrowAsync<SieFormatException>(() => ReadEntriesAsync(new SieReaderOptions(), ["#FLAGGA 0", "#VER A 1 20250115 \"X\"", "{", .. rows, "}"]));

        (refusal.Line, refusal.Record).ShouldBe((2, "#VER"));
        refusal.Message.ShouldContain("the most a verification takes");
    }

    private static IEnumerable<string> Voucher(int number, int rows, string text) =>
        [$"#VER A {number} 20250115 \"{text}\"", "{", .. Enumerable.Repeat("#TRANS 6570 {} 1.00", rows - 1), $"#TRANS 1930 {{}} -{rows - 1}.00", "}"];

    private async Task<SieBooks> ReadAsync(params string[] lines)
    {
        var entries = await ReadEntriesAsync(new SieReaderOptions(), lines);
        var end = entries.OfType<SieEnd>().Single();
        return new SieBooks(end.CompanyName, end.Accounts, end.OpeningBalances, entries.OfType<SieVoucher>().ToList(), entries.OfType<SieWarning>().Select(warning => warning.Text).ToList());
    }

    private async Task<List<SieEntry>> ReadEntriesAsync(SieReaderOptions options, string[] lines)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.se");
        await File.WriteAllBytesAsync(path, SieEncoding.Pc8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        await using var content = File.OpenRead(path);
        return await new SieReader(Options.Create(options)).ReadAsync(content, CancellationToken.None).ToListAsync();
    }

    private sealed record SieBooks(string? CompanyName, IReadOnlyList<SieAccount> Accounts, IReadOnlyDictionary<string, long> OpeningBalances, IReadOnlyList<SieVoucher> Vouchers, IReadOnlyList<string> Warnings);
}
