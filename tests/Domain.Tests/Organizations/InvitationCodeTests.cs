using CleanLedger.Domain.Organizations;

namespace CleanLedger.Domain.Tests.Organizations;

public sealed class InvitationCodeTests
{
    private static readonly Guid OrgId = new("0b5a6c1e-0000-4000-8000-000000000001");

    [Fact]
    public void A_new_code_names_its_organisation_reads_back_and_is_never_repeated()
    {
        var codes = Enumerable.Range(0, 100).Select(_ => InvitationCode.New(OrgId)).ToList();

        codes.Select(code => code.Value).Distinct().Count().ShouldBe(100);
        codes.ShouldAllBe(code => code.Value.Length == 64 && !code.Value.Contains('=') && !code.Value.Contains('+') && !code.Value.Contains('/'));
        InvitationCode.Parse($"  {codes[0].Value}\n").ShouldBe(codes[0]);
        codes[0].Hash.ShouldNotBe(codes[1].Hash);
        codes[0].Hash.Length.ShouldBe(64);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a code")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Text_that_cannot_be_a_code_parses_to_nothing(string? text) => InvitationCode.Parse(text).ShouldBeNull();

    [Fact]
    public void The_secret_never_shows_in_the_printout()
    {
        var code = InvitationCode.New(OrgId);

        code.ToString().ShouldNotContain(code.Value);
        code.ToString().ShouldContain(OrgId.ToString());
    }
}
