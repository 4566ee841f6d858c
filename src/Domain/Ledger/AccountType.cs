namespace CleanLedger.Domain.Ledger;

/// <summary>The four account types of SIE's #KTYP (T, S, I, K).</summary>
public enum AccountType
{
    /// <summary>Tillgång (T).</summary>
    Asset,

    /// <summary>Eget kapital och skuld (S).</summary>
    Liability,

    /// <summary>Intäkt (I).</summary>
    Revenue,

    /// <summary>Kostnad (K).</summary>
    Expense,
}
