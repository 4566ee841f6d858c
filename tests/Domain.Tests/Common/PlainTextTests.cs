using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Tests.Common;

/// <summary>Free text holds printable characters and spaces only (ADR 0016).</summary>
public class PlainTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Kontorsmaterial")]
    [InlineData("Åsa Öberg – kvitto nr 12 (50 %)")]
    [InlineData("Café \u00e9 😀 日本")]
    [InlineData("non\u00a0breaking space")]
    public void Printable_text_is_clean(string text) => PlainText.IsClean(text).ShouldBeTrue();

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\t")]
    [InlineData("rad\nrad")]
    [InlineData("rad\r\nrad")]
    [InlineData("\u0007")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\u009f")]
    public void Control_characters_are_not(string text) => PlainText.IsClean(text).ShouldBeFalse();

    // As code units: an attribute cannot carry an unpaired surrogate.
    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0xD83D)]
    public void An_unpaired_surrogate_is_not(int unit)
    {
        PlainText.IsClean($"x{(char)unit}").ShouldBeFalse();
        PlainText.IsClean($"{(char)unit}x").ShouldBeFalse();
    }
}
