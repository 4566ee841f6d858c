using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// One standing verification per document (ADR 0016): a document is claimed by the verification
/// that posts it, and the claim is released only by that verification's reversal. The primary key
/// stops two postings of the same receipt that each checked the DUP rule at the same moment; the
/// loser's transaction rolls back and answers 409. The claims are an index of the books, not the
/// books: they are the one ledger table whose rows are deleted.
/// </summary>
[Migration(2026_12_04_07)]
public sealed class M0007DocumentClaims(MigrationSettings settings) : Migration
{
    // Every document linked to a verification that is neither a reversal nor reversed; the earliest
    // posting keeps the claim where a past race left two.
    private const string Backfill = """
        INSERT INTO document_claims (org_id, document_id, verification_id)
        SELECT d.org_id, d.document_id, d.verification_id
        FROM verification_documents d JOIN verifications v ON v.id = d.verification_id
        WHERE v.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM verifications r WHERE r.reverses_id = v.id)
        ORDER BY v.registered_at
        ON CONFLICT DO NOTHING;
        """;

    public override void Up()
    {
        Create.Table("document_claims")
            .WithColumn("org_id").AsGuid().PrimaryKey("pk_document_claims").ForeignKey("fk_document_claims_org", "organizations", "id")
            .WithColumn("document_id").AsGuid().PrimaryKey("pk_document_claims")
            .WithColumn("verification_id").AsGuid().NotNullable().ForeignKey("fk_document_claims_verification", "verifications", "id");
        Create.Index("ix_document_claims_verification").OnTable("document_claims").OnColumn("verification_id").Ascending();

        if (settings.Provider != DatabaseProvider.Postgres)
        {
            Execute.Sql(Backfill);
            return;
        }

        // The backfill reads every organisation's books: the policies bind the owner (FORCE) only
        // after it.
        Execute.Sql($"""
            ALTER TABLE verifications NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE verification_documents NO FORCE ROW LEVEL SECURITY;
            {Backfill}
            ALTER TABLE verifications FORCE ROW LEVEL SECURITY;
            ALTER TABLE verification_documents FORCE ROW LEVEL SECURITY;
            {RowLevelSecurity.OrgIsolation("document_claims")}
            GRANT SELECT, INSERT, DELETE ON document_claims TO {settings.AppRole};
            """);
    }

    public override void Down() => throw new NotSupportedException("The books' schema only moves forward.");
}
