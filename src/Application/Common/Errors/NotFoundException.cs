namespace CleanLedger.Application.Common.Errors;

/// <summary>The resource does not exist for this caller (also used for other organisations' data, so existence never leaks).</summary>
public sealed class NotFoundException(string resource, object id) : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;
}
