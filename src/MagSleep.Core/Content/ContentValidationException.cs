namespace MagSleep.Core.Content;

/// <summary>A content file that is missing, malformed or incomplete. The message names the file, the JSON path and the problem.</summary>
public sealed class ContentValidationException(string file, string jsonPath, string problem, Exception? inner = null)
    : Exception($"Invalid content in {file} at {jsonPath}: {problem}", inner)
{
    public string File { get; } = file;
    public string JsonPath { get; } = jsonPath;
    public string Problem { get; } = problem;
}
