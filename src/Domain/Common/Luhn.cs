namespace CleanLedger.Domain.Common;

/// <summary>
/// The Luhn (mod 10) check digit Swedish identity and organisation numbers end with: every other
/// digit from the first doubled (its digits summed), the total a multiple of ten.
/// </summary>
public static class Luhn
{
    public static bool HasValidCheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var value = digits[i] - '0';
            if (i % 2 == 0)
            {
                value *= 2;
                if (value > 9)
                    value -= 9;
            }

            sum += value;
        }

        return sum % 10 == 0;
    }
}
