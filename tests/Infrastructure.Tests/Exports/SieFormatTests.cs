using System.Globalization;
using CleanLedger.Infrastructure.Exports.Sie;
using CleanLedger.Testing;

namespace CleanLedger.Infrastructure.Tests.Exports;

/// <summary>The SIE 4 line format and #KSUMMA, proved on a file written by another program and on our own writer.</summary>
public sealed class SieFormatTests
{
    private static readonly string SampleFolder = Path.Combine(SharedData.Folder, "sie");

    [Fact]
    public void The_checksum_algorithm_reproduces_the_ksumma_of_a_norstedts_export()
    {
        var lines = File.ReadAllLines(Path.Combine(SampleFolder, "Bokslut_Norstedts_SIE_4E.se"), SieEncoding.Pc8);
        var opening = Array.FindIndex(lines, line => line.TrimEnd() == "#KSUMMA");
        var closing = Array.FindLastIndex(lines, line => line.StartsWith("#KSUMMA", StringComparison.Ordinal));
        closing.ShouldBeGreaterThan(opening);
        var checksum = new SieChecksum();

        foreach (var line in lines[(opening + 1)..closing])
        {
            if (SieRecord.Parse(line) is { } record)
                checksum.Add(record);
        }

        checksum.Value.ToString(CultureInfo.InvariantCulture).ShouldBe(SieRecord.Parse(lines[closing])!.Fields[0].Text);
    }

    [Fact]
    public void A_changed_byte_changes_the_checksum()
    {
        var lines = File.ReadAllLines(Path.Combine(SampleFolder, "Bokslut_Norstedts_SIE_4E.se"), SieEncoding.Pc8);
        var original = new SieChecksum();
        var altered = new SieChecksum();
        foreach (var record in lines.Select(SieRecord.Parse).OfType<SieRecord>().Where(record => record.Label == "#TRANS").Take(50))
        {
            original.Add(record);
            altered.Add(record with { Fields = [.. record.Fields.Take(2), new SieField(record.Fields[2].Text + "1")] });
        }

        altered.Value.ShouldNotBe(original.Value);
    }

    [Theory]
    [InlineData("#KONTO 1915 \"Kassa \\\"special\\\"\"", "#KONTO", new[] { "1915", "Kassa \"special\"" })]
    [InlineData("#TRANS\t5460\t{}\t100.00", "#TRANS", new[] { "5460", "", "100.00" })]
    [InlineData("#VER \"A\" \"1\" 20260115 \"Kvitto Clas Ohlson\"", "#VER", new[] { "A", "1", "20260115", "Kvitto Clas Ohlson" })]
    public void Lines_split_into_label_and_fields_as_the_specification_writes_them(string line, string label, string[] fields)
    {
        var record = SieRecord.Parse(line)!;

        record.Label.ShouldBe(label);
        record.Fields.Select(field => field.Text).ShouldBe(fields);
    }

    [Fact]
    public void Object_lists_are_one_field_with_their_items()
    {
        var record = SieRecord.Parse("#TRANS 3010 {\"1\" \"456\" 7 47} -1000.00")!;

        record.Fields[1].Objects.ShouldBe(["1", "456", "7", "47"]);
        record.Fields[2].Text.ShouldBe("-1000.00");
    }

    [Fact]
    public async Task The_writer_writes_cp437_quoted_escaped_lines_whose_ksumma_a_reader_confirms()
    {
        using var output = new MemoryStream();
        var writer = new SieWriter(output);
        await writer.RecordAsync("#FLAGGA", CancellationToken.None, SieValue.Number(0));
        await writer.OpenChecksumAsync(CancellationToken.None);
        await writer.RecordAsync("#FNAMN", CancellationToken.None, SieValue.Text("Åre \"Fjäll\" – stugor AB"));
        await writer.RecordAsync("#TRANS", CancellationToken.None, SieValue.Token("5460"), SieValue.NoObjects, SieValue.Amount(-12_550));
        await writer.CloseChecksumAsync(CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);

        var bytes = output.ToArray();
        var text = SieEncoding.Pc8.GetString(bytes);
        text.ShouldBe("#FLAGGA 0\n#KSUMMA\n#FNAMN \"Åre \\\"Fjäll\\\" - stugor AB\"\n#TRANS 5460 {} -125.50\n#KSUMMA " + ReadBackChecksum(text) + "\n");
        bytes.ShouldContain((byte)0x8F); // Å in codepage 437
        bytes.ShouldContain((byte)0x84); // ä in codepage 437
    }

    private static string ReadBackChecksum(string text)
    {
        var checksum = new SieChecksum();
        foreach (var line in text.Split('\n').SkipWhile(line => line != "#KSUMMA").Skip(1).TakeWhile(line => !line.StartsWith("#KSUMMA", StringComparison.Ordinal)))
        {
            if (SieRecord.Parse(line) is { } record)
                checksum.Add(record);
        }

        return checksum.Value.ToString(CultureInfo.InvariantCulture);
    }
}
