using CleanLedger.Domain.Audit;

namespace CleanLedger.Domain.Tests.Audit;

/// <summary>The canonical row and hash an auditor recomputes outside our code (docs/adr/0020).</summary>
public sealed class AuditChainTests
{
    private static readonly string PreviousHash = new('5', 64);

    // Details as our serializer stores them: members in any order, non-ASCII and quotes escaped.
    private static readonly AuditRecord Row = new(
        AuditChain.OrgChain(new Guid("0b5a6c1e-0000-4000-8000-000000000001")),
        7,
        new Guid("01900000-0000-7000-8000-000000000001"),
        new DateTimeOffset(2026, 12, 4, 11, 15, 30, TimeSpan.FromHours(1)).AddTicks(1_234_567),
        new Guid("a11ce000-0000-4000-8000-000000000002"),
        "member.role_set",
        "member/a11ce000",
        """{"role":"owner","name":"\u00C5sa \u0022\u00D6\u0022\n","amount":12500}""");

    private const string CanonicalRow =
        """["org:0b5a6c1e-0000-4000-8000-000000000001",7,"01900000-0000-7000-8000-000000000001","2026-12-04T10:15:30.123456Z","a11ce000-0000-4000-8000-000000000002","member.role_set","member/a11ce000",{"amount":12500,"name":"Åsa \"Ö\"\n","role":"owner"}]""";

    [Fact]
    public void The_canonical_row_has_fixed_fields_a_utc_microsecond_instant_and_sorted_unescaped_details() =>
        AuditChain.Canonical(Row).ShouldBe(CanonicalRow);

    // Computed outside .NET: printf '%s%s' "$previous" "$canonical" | sha256sum
    [Fact]
    public void The_hash_is_sha256_over_the_previous_hash_then_the_canonical_row() =>
        AuditChain.Hash(PreviousHash, Row).ShouldBe("5343365ac8db7f8d38e09b20555dc2a64b3d0670bb0e861cb0bad3db0b56f197");

    [Fact]
    public void Spelling_the_same_details_differently_changes_nothing() =>
        AuditChain.Hash(PreviousHash, Row with { Details = """{ "amount": 12500, "name": "Åsa \"Ö\"\u000a", "role": "owner" }""" })
            .ShouldBe(AuditChain.Hash(PreviousHash, Row));

    [Theory]
    [InlineData("""{"b":[1,{"d":null,"c":true}],"a":"x"}""", """{"a":"x","b":[1,{"c":true,"d":null}]}""")]
    [InlineData("""["\u0001\t\\\/é"]""", "[\"\\u0001\\t\\\\/é\"]")]
    [InlineData("""{"B":1,"a":2,"Ä":3}""", """{"B":1,"a":2,"Ä":3}""")]
    [InlineData("-1.50e3", "-1.50e3")]
    public void Canonical_json_sorts_members_ordinally_and_escapes_only_what_json_requires(string stored, string canonical) =>
        CanonicalJson.Of(stored).ShouldBe(canonical);

    [Fact]
    public void A_platform_event_without_an_actor_writes_null() =>
        AuditChain.Canonical(Row with { Chain = AuditChain.PlatformChain, ActorId = null })
            .ShouldStartWith("""["platform",7,"01900000-0000-7000-8000-000000000001","2026-12-04T10:15:30.123456Z",null,""");

    [Fact]
    public void An_intact_chain_verifies_and_each_kind_of_break_is_named_at_its_row()
    {
        var rows = Chain("org:a", 4);

        Verify(rows).ShouldBeNull();
        Verify(rows.Select((row, i) => i == 2 ? row with { Record = row.Record with { Subject = "changed" } } : row))!.Position.ShouldBe(3);
        Verify(rows.Select((row, i) => i == 1 ? row with { Hash = AuditChain.Genesis } : row))!.Position.ShouldBe(2);
        Verify(rows.Where((_, i) => i != 1))!.Position.ShouldBe(3);
        Verify([rows[1], rows[0], rows[2]])!.Position.ShouldBe(2);
    }

    [Fact]
    public void Each_chain_starts_from_the_genesis_hash_on_its_own()
    {
        var verifier = new AuditChainVerifier();

        foreach (var row in Chain("org:a", 2).Concat(Chain("org:b", 3)))
            verifier.Check(row.Record, row.Hash).ShouldBeNull();
        verifier.Checked.ShouldBe(5);
    }

    private static BrokenLink? Verify(IEnumerable<(AuditRecord Record, string Hash)> rows)
    {
        var verifier = new AuditChainVerifier();
        return rows.Select(row => verifier.Check(row.Record, row.Hash)).FirstOrDefault(broken => broken is not null);
    }

    private static List<(AuditRecord Record, string Hash)> Chain(string chain, int length)
    {
        var rows = new List<(AuditRecord Record, string Hash)>();
        var previous = AuditChain.Genesis;
        for (var position = 1; position <= length; position++)
        {
            var record = Row with { Chain = chain, Position = position, Id = Guid.NewGuid(), Subject = $"row {position}" };
            previous = AuditChain.Hash(previous, record);
            rows.Add((record, previous));
        }

        return rows;
    }
}
