namespace CleanLedger.Application.Common.Errors;

/// <summary>The request collides with what the books already hold (409).</summary>
public sealed class ConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
