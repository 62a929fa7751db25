using System.ComponentModel.DataAnnotations;
using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record SourceInfo(string Tag, LocalizedText Title, LocalizedText Description, [property: Url] string? Url = null);
