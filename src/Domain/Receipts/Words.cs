using System.Globalization;
using System.Text;

namespace CleanLedger.Domain.Receipts;

/// <summary>
/// Lower-case words and word pairs of a text, for keyword matching: "Circle K Kungsgatan" has
/// "circle", "k", "kungsgatan", "circle k" and "k kungsgatan".
/// </summary>
internal static class Words
{
    public static HashSet<string> Of(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.ToLower(CultureInfo.GetCultureInfo("sv-SE")))
        {
            if (char.IsLetterOrDigit(c) || c == '-')
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
            words.Add(current.ToString());

        var set = new HashSet<string>(words, StringComparer.Ordinal);
        for (var i = 1; i < words.Count; i++)
            set.Add($"{words[i - 1]} {words[i]}");
        return set;
    }
}
