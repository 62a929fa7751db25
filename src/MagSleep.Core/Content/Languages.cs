namespace MagSleep.Core.Content;

public static class Languages
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-CN";

    public static IReadOnlyList<string> All { get; } = [English, SimplifiedChinese];
}
