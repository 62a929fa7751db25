using MagSleep.Core.Content;

namespace MagSleep.Api.Infrastructure.Validation;

/// <summary>What a failed rule says: a text of <see cref="ProblemTexts"/> (<c>field.</c> + code) and its arguments, never the value sent.</summary>
internal sealed record FieldText(string Code, IReadOnlyDictionary<string, string>? Arguments = null);
