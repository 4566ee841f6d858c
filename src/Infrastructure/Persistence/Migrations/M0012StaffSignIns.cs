using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// Staff sign-in (docs/adr/0021): each sign-in looks up the staff member's previous one in the
/// platform chain, to record a role change; this index keeps that one lookup from reading the
/// whole chain.
/// </summary>
[Migration(2026_12_04_12)]
public sealed class M0012StaffSignIns : Migration
{
    public override void Up() =>
        Create.Index("ix_platform_audit_events_subject").OnTable("platform_audit_events")
            .OnColumn("subject").Ascending().OnColumn("chain_position").Descending();

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
