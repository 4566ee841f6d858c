using System.Security.Cryptography;
using System.Text;
using CleanLedger.Application.Identity.BankId;
using CleanLedger.Domain.Identity;
using Microsoft.Extensions.Configuration;

namespace CleanLedger.Infrastructure.Security.Identity;

/// <summary>
/// HMAC-SHA256 of the twelve digits under <see cref="BankIdOptions.PersonnummerHmacKeySetting"/>:
/// personnummer are few and guessable (a plain hash is reversed by trying every birth date), so
/// only someone with the key, which lives outside the database, can tell whose row is whose.
/// </summary>
public sealed class PersonnummerHasher(IConfiguration configuration) : IPersonnummerHasher
{
    public string Hash(Personnummer personnummer)
    {
        var key = BankIdOptions.PersonnummerHmacKey(configuration)
            ?? throw new InvalidOperationException($"{BankIdOptions.PersonnummerHmacKeySetting} is not set.");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(personnummer.Digits)));
    }
}
