using System.Buffers.Text;
using System.Security.Cryptography;
using CleanLedger.Domain.Common;

namespace CleanLedger.Domain.Organizations;

/// <summary>
/// The one-time secret an owner hands to the person they invite: the organisation's id followed
/// by 256 random bits, base64url. Only its SHA-256 is stored (the secret has full entropy, so a
/// slow hash would add nothing). Carrying the organisation lets redemption look the code up
/// inside that organisation alone; a code altered to name another organisation matches nothing.
/// </summary>
public sealed record InvitationCode(Guid OrgId, string Value)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private const int OrgIdBytes = 16;
    private const int SecretBytes = 32;

    public static InvitationCode New(Guid orgId)
    {
        var bytes = new byte[OrgIdBytes + SecretBytes];
        orgId.TryWriteBytes(bytes.AsSpan(0, OrgIdBytes), bigEndian: true, out _);
        RandomNumberGenerator.Fill(bytes.AsSpan(OrgIdBytes));
        return new InvitationCode(orgId, Base64Url.EncodeToString(bytes));
    }

    /// <summary>The code as typed or pasted, or null when it cannot be one of ours.</summary>
    public static InvitationCode? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 2 * (OrgIdBytes + SecretBytes))
            return null;
        var bytes = new byte[OrgIdBytes + SecretBytes];
        if (!Convert.TryFromBase64String(ToBase64(value), bytes, out var written) || written != bytes.Length)
            return null;
        return new InvitationCode(new Guid(bytes.AsSpan(0, OrgIdBytes), bigEndian: true), value);
    }

    // The secret never reaches a log through a record's printout.
    public override string ToString() => $"InvitationCode {{ OrgId = {OrgId} }}";

    public string Hash => SecretHash.Of(Value);

    private static string ToBase64(string base64Url)
    {
        var padded = base64Url.Replace('-', '+').Replace('_', '/');
        return padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '=');
    }
}
