namespace CleanLedger.Application.Common.Errors;

/// <summary>The resource existed for this caller but can no longer be used: expired, spent or revoked (410).</summary>
public sealed class GoneException(string message) : Exception(message);
