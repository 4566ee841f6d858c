using CleanLedger.Domain.Identity;

namespace CleanLedger.Domain.Tests.Identity;

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
