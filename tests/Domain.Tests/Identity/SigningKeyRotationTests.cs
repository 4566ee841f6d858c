using CleanLedger.Domain.Identity;

namespace CleanLedger.Domain.Tests.Identity;

public sealed class SigningKeyRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly KeyRotationPolicy Policy = new(
        RotateEvery: TimeSpan.FromDays(30),
        PublishBeforeUse: TimeSpan.FromHours(1),
        ValidateAfterUse: TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30));

    [Fact]
    public void With_no_key_the_first_one_signs_at_once()
    {
        var plan = SigningKeyRotation.Plan([], Now, Policy);

        plan.Transitions.ShouldBeEmpty();
        plan.NewKey.ShouldBe(SigningKeyState.Current);
    }

    [Fact]
    public void A_current_key_younger_than_the_interval_is_left_alone() =>
        SigningKeyRotation.Plan([Current("a", Now - Policy.RotateEvery + TimeSpan.FromSeconds(1))], Now, Policy).ChangesNothing.ShouldBeTrue();

    [Fact]
    public void A_current_key_at_the_interval_gets_a_next_key_published_beside_it()
    {
        var plan = SigningKeyRotation.Plan([Current("a", Now - Policy.RotateEvery)], Now, Policy);

        plan.Transitions.ShouldBeEmpty();
        plan.NewKey.ShouldBe(SigningKeyState.Next);
    }

    [Fact]
    public void A_next_key_published_for_less_than_the_overlap_does_not_sign_yet()
    {
        var keys = new[] { Current("a", Now - TimeSpan.FromDays(40)), Next("b", Now - Policy.PublishBeforeUse + TimeSpan.FromSeconds(1)) };

        SigningKeyRotation.Plan(keys, Now, Policy).ChangesNothing.ShouldBeTrue();
    }

    [Fact]
    public void After_the_overlap_the_next_key_signs_and_the_old_one_validates_for_a_token_lifetime_and_the_skew()
    {
        var keys = new[] { Current("a", Now - TimeSpan.FromDays(40)), Next("b", Now - Policy.PublishBeforeUse) };

        var plan = SigningKeyRotation.Plan(keys, Now, Policy);

        plan.Transitions.ShouldBe(
        [
            new KeyTransition("a", SigningKeyState.Current, SigningKeyState.Previous, Now + Policy.ValidateAfterUse),
            new KeyTransition("b", SigningKeyState.Next, SigningKeyState.Current, null),
        ]);
        plan.NewKey.ShouldBeNull();
    }

    [Fact]
    public void A_previous_key_retires_at_its_time_and_not_before()
    {
        var current = Current("b", Now - TimeSpan.FromDays(1));

        SigningKeyRotation.Plan([current, Previous("a", retireAt: Now + TimeSpan.FromSeconds(1))], Now, Policy).ChangesNothing.ShouldBeTrue();
        SigningKeyRotation.Plan([current, Previous("a", retireAt: Now)], Now, Policy).Transitions
            .ShouldBe([new KeyTransition("a", SigningKeyState.Previous, SigningKeyState.Retired, Now)]);
    }

    [Fact]
    public void A_next_key_without_a_current_one_signs_at_once() =>
        SigningKeyRotation.Plan([Next("b", Now)], Now, Policy).Transitions
            .ShouldBe([new KeyTransition("b", SigningKeyState.Next, SigningKeyState.Current, null)]);

    private static SigningKeyStatus Current(string kid, DateTimeOffset createdAt) => new(kid, SigningKeyState.Current, createdAt, null);

    private static SigningKeyStatus Next(string kid, DateTimeOffset createdAt) => new(kid, SigningKeyState.Next, createdAt, null);

    private static SigningKeyStatus Previous(string kid, DateTimeOffset retireAt) => new(kid, SigningKeyState.Previous, Now - TimeSpan.FromDays(60), retireAt);

}
