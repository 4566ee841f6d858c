namespace CleanLedger.Application.Common.Errors;

/// <summary>The use case needs a signed-in user and there is none.</summary>
public sealed class UnauthenticatedException() : Exception("Sign in to use this.");
