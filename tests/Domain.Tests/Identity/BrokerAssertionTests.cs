using CleanLedger.Domain.Identity;

namespace CleanLedger.Domain.Tests.Identity;

public class BrokerAssertionTests
{
    private const string Nonce = "the-attempts-nonce";
    private static readonly string NonceHash = SignInAttemptSecrets.Hash(Nonce);

    private static BrokerAssertion Valid => new("sub-1", Nonce, "idp:sbid", "sub-1", "191212121212", "Tolvan Tolvansson");

    [Fact]
    public void The_attempts_person_signed_in_with_bankid_is_accepted_with_their_personnummer()
    {
        Valid.Refusal(NonceHash, "idp:sbid", out var personnummer).ShouldBeNull();
        personnummer!.Digits.ShouldBe("191212121212");
    }

    [Theory]
    [InlineData("another-nonce", "idp:sbid", "sub-1", "191212121212", SignInRefusal.NonceMismatch)]
    [InlineData(null, "idp:sbid", "sub-1", "191212121212", SignInRefusal.NonceMismatch)]
    [InlineData(Nonce, "urn:password", "sub-1", "191212121212", SignInRefusal.WrongAssurance)]
    [InlineData(Nonce, null, "sub-1", "191212121212", SignInRefusal.WrongAssurance)]
    [InlineData(Nonce, "idp:sbid", "sub-2", "191212121212", SignInRefusal.SubjectMismatch)]
    [InlineData(Nonce, "idp:sbid", null, "191212121212", SignInRefusal.SubjectMismatch)]
    [InlineData(Nonce, "idp:sbid", "sub-1", "191212121213", SignInRefusal.InvalidPersonnummer)]
    [InlineData(Nonce, "idp:sbid", "sub-1", null, SignInRefusal.InvalidPersonnummer)]
    public void Anything_else_is_refused_with_its_reason(string? nonce, string? acr, string? userInfoSubject, string? personnummer, SignInRefusal refusal) =>
        (Valid with { Nonce = nonce, Acr = acr, UserInfoSubject = userInfoSubject, PersonnummerClaim = personnummer })
            .Refusal(NonceHash, "idp:sbid", out _).ShouldBe(refusal);

    [Fact]
    public void An_id_token_without_a_subject_is_refused_even_when_userinfo_agrees() =>
        (Valid with { Subject = "", UserInfoSubject = "" }).Refusal(NonceHash, "idp:sbid", out _).ShouldBe(SignInRefusal.InvalidIdToken);

    [Fact]
    public void The_display_name_loses_control_characters_and_is_cut_to_whole_characters()
    {
        (Valid with { Name = " Åsa\u0000 Öberg\n" }).DisplayName.ShouldBe("Åsa Öberg");
        var long_ = new string('a', BrokerAssertion.MaxNameLength - 1) + "😀";
        (Valid with { Name = long_ }).DisplayName.ShouldBe(new string('a', BrokerAssertion.MaxNameLength - 1));
    }
}
