// The extractor's payment reader shares its name with the Domain's payment record; its tests mean the extractor's.
global using ReceiptPayment = CleanLedger.Infrastructure.Receipts.Extraction.ReceiptPayment;
