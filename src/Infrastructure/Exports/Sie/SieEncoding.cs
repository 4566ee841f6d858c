using System.Text;

namespace CleanLedger.Infrastructure.Exports.Sie;

/// <summary>SIE files are IBM PC codepage 437 only (#FORMAT PC8, SIE 4B 5.8).</summary>
public static class SieEncoding
{
    public static Encoding Pc8 { get; } = Create();

    /// <summary>Characters CP437 lacks, spelled with ones it has before encoding.</summary>
    public static string Transliterate(string text) =>
        text.Replace("€", "EUR", StringComparison.Ordinal)
            .Replace('–', '-').Replace('—', '-')
            .Replace('‘', '\'').Replace('’', '\'')
            .Replace('“', '"').Replace('”', '"');

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(437, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
    }
}
