using System.Buffers;
using System.Text;

namespace CleanLedger.Domain.Common;

/// <summary>
/// What free text in the books may hold (ADR 0016): printable characters and spaces. Control
/// characters (C0, DEL, C1 — NUL, TAB, CR and LF included: every free text of the contract is one
/// line, and SIE, PDF and the lists print it as one) and broken UTF-16 (an unpaired surrogate,
/// which no engine can store as UTF-8) are refused, never stripped: the books keep exactly what
/// was sent, or nothing.
/// </summary>
public static class PlainText
{
    public const string Requirement = "may not hold control characters (NUL, tab, line breaks …) or broken Unicode";

    public static bool IsClean(string? text)
    {
        if (text is null)
            return true;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done || Rune.IsControl(rune))
                return false;
            rest = rest[consumed..];
        }

        return true;
    }
}
