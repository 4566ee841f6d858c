using System.Text;

namespace CleanLedger.Domain.Identity;

/// <summary>
/// What the broker said about a person, once its ID token's signature, issuer, audience and
/// lifetime have been checked: the ID token's subject, nonce and assurance (<c>acr</c>) and
/// UserInfo's subject, personnummer and name.
/// </summary>
public sealed record BrokerAssertion(string Subject, string? Nonce, string? Acr, string? UserInfoSubject, string? PersonnummerClaim, string? Name)
{
    /// <summary>Longest display name kept (the users table's column).</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// Whether this is the person who started the attempt whose nonce hash is
    /// <paramref name="nonceHash"/>, signed in with <paramref name="requiredAcr"/>: null when so,
    /// with <paramref name="personnummer"/> set; otherwise the first reason it is not.
    /// </summary>
    public SignInRefusal? Refusal(string nonceHash, string requiredAcr, out Personnummer? personnummer)
    {
        personnummer = null;
        if (string.IsNullOrEmpty(Subject))
            return SignInRefusal.InvalidIdToken;
        if (!SignInAttemptSecrets.Matches(Nonce, nonceHash))
            return SignInRefusal.NonceMismatch;
        if (!string.Equals(Acr, requiredAcr, StringComparison.Ordinal))
            return SignInRefusal.WrongAssurance;
        if (!string.Equals(UserInfoSubject, Subject, StringComparison.Ordinal))
            return SignInRefusal.SubjectMismatch;
        return Personnummer.TryParse(PersonnummerClaim, out personnummer) ? null : SignInRefusal.InvalidPersonnummer;
    }

    /// <summary>The name to show: the broker's without control characters, cut to what we keep (whole characters only).</summary>
    public string DisplayName
    {
        get
        {
            var name = new StringBuilder(MaxNameLength);
            foreach (var rune in (Name ?? "").Trim().EnumerateRunes().Where(rune => !Rune.IsControl(rune)))
            {
                if (name.Length + rune.Utf16SequenceLength > MaxNameLength)
                    break;
                name.Append(rune.ToString());
            }

            return name.ToString();
        }
    }
}
