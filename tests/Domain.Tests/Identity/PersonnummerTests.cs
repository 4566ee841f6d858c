using CleanLedger.Domain.Identity;

namespace CleanLedger.Domain.Tests.Identity;

public class PersonnummerTests
{
    [Theory]
    [InlineData("191212121212")] // Skatteverket's test number
    [InlineData("197010632391")] // a samordningsnummer: day of birth plus 60
    public void Reads_twelve_digits_with_a_month_a_day_and_a_valid_check_digit(string text)
    {
        Personnummer.TryParse(text, out var number).ShouldBeTrue();
        number!.Digits.ShouldBe(text);
    }

    [Theory]
    [InlineData("191212121213")] // wrong check digit
    [InlineData("1212121212")] // without the century
    [InlineData("19121212-1212")]
    [InlineData("191213121211")] // month 13, check digit right
    [InlineData("191212001216")] // day 0, check digit right
    [InlineData("19121212121a")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text) => Personnummer.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Never_prints_its_digits()
    {
        Personnummer.TryParse("191212121212", out var number).ShouldBeTrue();

        $"{number}".ShouldNotContain("1212");
    }
}

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
    public void The_display_name_loses_control_characters_and_is_cut_to_whole_characters()
    {
        (Valid with { Name = " Åsa\u0000 Öberg\n" }).DisplayName.ShouldBe("Åsa Öberg");
        var long_ = new string('a', BrokerAssertion.MaxNameLength - 1) + "😀";
        (Valid with { Name = long_ }).DisplayName.ShouldBe(new string('a', BrokerAssertion.MaxNameLength - 1));
    }
}

public class SignInAttemptSecretsTests
{
    [Fact]
    public void The_pkce_verifier_is_of_the_binding_and_the_state_and_its_challenge_is_s256()
    {
        var (binding, state) = (SignInAttemptSecrets.New(), SignInAttemptSecrets.New());
        var verifier = SignInAttemptSecrets.CodeVerifier(binding, state);

        verifier.Length.ShouldBe(43);
        SignInAttemptSecrets.CodeVerifier(binding, state).ShouldBe(verifier);
        SignInAttemptSecrets.CodeVerifier(SignInAttemptSecrets.New(), state).ShouldNotBe(verifier);
        SignInAttemptSecrets.CodeVerifier(binding, SignInAttemptSecrets.New()).ShouldNotBe(verifier);
        // RFC 7636 appendix B.
        SignInAttemptSecrets.CodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").ShouldBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("0123456789012345678901234567890123456789ab+")] // 43 characters, not all base64url
    [InlineData("0123456789012345678901234567890123456789abcd")] // 44 characters
    [InlineData(null)]
    public void Only_a_secret_of_the_shape_we_issue_is_well_formed(string? secret)
    {
        SignInAttemptSecrets.IsWellFormed(SignInAttemptSecrets.New()).ShouldBeTrue();
        SignInAttemptSecrets.IsWellFormed(secret).ShouldBeFalse();
    }

    [Fact]
    public void A_secret_matches_only_its_own_hash()
    {
        var secret = SignInAttemptSecrets.New();

        SignInAttemptSecrets.Matches(secret, SignInAttemptSecrets.Hash(secret)).ShouldBeTrue();
        SignInAttemptSecrets.Matches(SignInAttemptSecrets.New(), SignInAttemptSecrets.Hash(secret)).ShouldBeFalse();
        SignInAttemptSecrets.Matches(null, SignInAttemptSecrets.Hash(secret)).ShouldBeFalse();
    }
}
