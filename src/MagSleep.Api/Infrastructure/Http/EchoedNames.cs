using System.Text.RegularExpressions;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Which names a client sent may be named back in a problem's <c>errors</c>: an unknown field or linkId is repeated
/// only when it is shaped like an identifier (a typo of a field name), never when it could be free text.
/// </summary>
internal static partial class EchoedNames
{
    public static bool CanEcho(string name) => Identifier().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Identifier();
}
