using System.Data;
using CleanLedger.Domain.Audit;
using Dapper;
using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// Privileged actions (docs/adr/0020). The audit trail becomes hash chains: each organisation's
/// events get a position and a hash, computed here for the rows already there in the order they
/// were recorded; a platform chain holds the events of no organisation. Platform scope may read
/// every organisation's chain, to verify it. Invitations keep only their code's hash.
/// </summary>
[Migration(2026_12_04_10)]
public sealed class M0010PrivilegedActions(MigrationSettings settings) : Migration
{
    private const string OrgEvents = "audit_events";
    private const string PlatformEvents = "platform_audit_events";

    public override void Up()
    {
        Alter.Table(OrgEvents)
            .AddColumn("chain_position").AsInt64().Nullable()
            .AddColumn("hash").AsString(64).Nullable();

        Create.Table(PlatformEvents)
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("chain_position").AsInt64().NotNullable().Unique("ux_platform_audit_events_chain")
            .WithColumn("occurred_at").Instant(settings).NotNullable()
            .WithColumn("user_id").AsGuid().Nullable()
            .WithColumn("action").AsString(64).NotNullable()
            .WithColumn("subject").AsString(100).NotNullable()
            .WithColumn("details").AsString(int.MaxValue).NotNullable()
            .WithColumn("hash").AsString(64).NotNullable();

        Create.Table("invitations")
            .WithColumn("id").AsGuid().PrimaryKey()
            .WithColumn("org_id").AsGuid().NotNullable().ForeignKey("fk_invitations_org", "organizations", "id")
            .WithColumn("code_hash").AsString(64).NotNullable().Unique("ux_invitations_code")
            .WithColumn("role").AsString(16).NotNullable()
            .WithColumn("email").AsString(254).Nullable()
            .WithColumn("note").AsString(200).Nullable()
            .WithColumn("created_by").AsGuid().NotNullable()
            .WithColumn("created_at").Instant(settings).NotNullable()
            .WithColumn("expires_at").Instant(settings).NotNullable()
            .WithColumn("redeemed_by").AsGuid().Nullable()
            .WithColumn("redeemed_at").Instant(settings).Nullable()
            .WithColumn("revoked_at").Instant(settings).Nullable();
        Create.Index("ix_invitations_org").OnTable("invitations").OnColumn("org_id").Ascending().OnColumn("created_at").Ascending();

        Execute.WithConnection(HashExistingEvents);

        // Backs the chain lock: two rows can never claim one place in a chain.
        Create.Index("ux_audit_events_chain").OnTable(OrgEvents)
            .OnColumn("org_id").Ascending().OnColumn("chain_position").Ascending().WithOptions().Unique();

        Execute.Sql(settings.Provider == DatabaseProvider.Postgres
            ? $"""
                ALTER TABLE {OrgEvents} ALTER COLUMN chain_position SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
                CREATE POLICY platform_read ON {OrgEvents} FOR SELECT USING (app_is_platform_scope());
                {ImmutableRows.PostgresTrigger(PlatformEvents)}
                GRANT SELECT, INSERT ON {PlatformEvents} TO {settings.AppRole};
                {RowLevelSecurity.OrgIsolation("invitations")}
                GRANT SELECT, INSERT, UPDATE ON invitations TO {settings.AppRole};
                """
            : ImmutableRows.SqliteTriggers(PlatformEvents));
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");

    // The rows are immutable to everyone, the owner included, and RLS binds the owner: both are
    // lifted for this one transaction and restored before it commits.
    private void HashExistingEvents(IDbConnection connection, IDbTransaction transaction)
    {
        var postgres = settings.Provider == DatabaseProvider.Postgres;
        connection.Execute(
            postgres
                ? $"""
                    ALTER TABLE {OrgEvents} DISABLE TRIGGER {ImmutableRows.PostgresTriggerName(OrgEvents)};
                    ALTER TABLE {OrgEvents} NO FORCE ROW LEVEL SECURITY;
                    """
                : $"DROP TRIGGER {ImmutableRows.SqliteTriggerName(OrgEvents, "UPDATE")};",
            transaction: transaction);

        TypeHandlers.Register();
        var events = connection.Query<ExistingEvent>(
            $"""
            SELECT org_id AS OrgId, id AS Id, occurred_at AS OccurredAt, user_id AS UserId, action AS Action, subject AS Subject, details AS Details
            FROM {OrgEvents} ORDER BY org_id, occurred_at, id
            """,
            transaction: transaction);

        var previous = (Chain: "", Position: 0L, Hash: AuditChain.Genesis);
        foreach (var stored in events)
        {
            var chain = AuditChain.OrgChain(stored.OrgId);
            if (chain != previous.Chain)
                previous = (chain, 0, AuditChain.Genesis);
            var record = new AuditRecord(chain, previous.Position + 1, stored.Id, stored.OccurredAt, stored.UserId, stored.Action, stored.Subject, stored.Details);
            var hash = AuditChain.Hash(previous.Hash, record);
            connection.Execute(
                $"UPDATE {OrgEvents} SET chain_position = @Position, hash = @hash WHERE id = @Id",
                new { record.Position, hash, record.Id },
                transaction);
            previous = (chain, record.Position, hash);
        }

        connection.Execute(
            postgres
                ? $"""
                    ALTER TABLE {OrgEvents} ENABLE TRIGGER {ImmutableRows.PostgresTriggerName(OrgEvents)};
                    ALTER TABLE {OrgEvents} FORCE ROW LEVEL SECURITY;
                    """
                : ImmutableRows.SqliteRefusal(OrgEvents, "UPDATE"),
            transaction: transaction);
    }

    private sealed class ExistingEvent
    {
        public Guid OrgId { get; init; }
        public Guid Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public Guid UserId { get; init; }
        public string Action { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Details { get; init; } = "";
    }
}
