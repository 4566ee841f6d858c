namespace CleanLedger.Application.Common.Errors;

/// <summary>The caller may see the resource but lacks the permission the use case needs.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
