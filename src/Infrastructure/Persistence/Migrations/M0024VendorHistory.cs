using FluentMigrator;

namespace CleanLedger.Infrastructure.Persistence.Migrations;

/// <summary>
/// The vendor memory keeps what approvals teach beyond the cost account (docs/adr/0024): the VAT
/// rates the vendor's receipts carry, the account it is paid from, its organisation number, the
/// range of its totals, and how many approved receipts taught it. Rows learned before keep only
/// their account until the vendor's next approval.
/// </summary>
[Migration(2026_12_04_24)]
public sealed class M0024VendorHistory : Migration
{
    public override void Up() =>
        Alter.Table("vendor_memory")
            .AddColumn("vat_rates").AsString(40).Nullable()
            .AddColumn("credit_account").AsInt32().Nullable()
            .AddColumn("org_number").AsString(10).Nullable()
            .AddColumn("smallest_total_ore").AsInt64().Nullable()
            .AddColumn("largest_total_ore").AsInt64().Nullable()
            .AddColumn("receipts").AsInt32().NotNullable().WithDefaultValue(1);

    public override void Down() =>
        throw new NotSupportedException("The books' schema only moves forward.");
}
