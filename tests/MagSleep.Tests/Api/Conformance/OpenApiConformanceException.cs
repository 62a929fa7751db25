namespace MagSleep.Tests.Api.Conformance;

/// <summary>An answer the served OpenAPI document does not declare, with the operation, the status and what is wrong.</summary>
public sealed class OpenApiConformanceException(string message) : Exception(message);
