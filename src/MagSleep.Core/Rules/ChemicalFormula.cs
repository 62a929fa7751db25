namespace MagSleep.Core.Rules;

/// <summary>Parses formulas such as <c>Mg3(C6H5O7)2</c> into element counts, and computes a form's share of magnesium.</summary>
internal static class ChemicalFormula
{
    public const string Magnesium = "Mg";

    /// <summary>Far above any salt's; it keeps every count, and any product of two, inside an int.</summary>
    private const int MaxCount = 10_000;

    /// <exception cref="FormatException">The formula is not elements, counts and balanced parentheses.</exception>
    public static IReadOnlyDictionary<string, int> Parse(string formula)
    {
        var position = 0;
        var counts = ParseGroup(formula, ref position);
        if (position != formula.Length)
        {
            throw new FormatException($"unexpected '{formula[position]}' at position {position} of '{formula}'");
        }

        if (counts.Count == 0)
        {
            throw new FormatException("the formula is empty");
        }

        return counts;
    }

    /// <summary>Summed in decimal, so atomic masses given to three places give a molar mass that prints as three places (172.423, not 172.42299999999997).</summary>
    public static double MolarMass(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, double> atomicMasses) =>
        (double)counts.Sum(c => (decimal)atomicMasses[c.Key] * c.Value);

    public static double ElementalFraction(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, double> atomicMasses) =>
        counts.TryGetValue(Magnesium, out var magnesiumAtoms)
            ? magnesiumAtoms * atomicMasses[Magnesium] / MolarMass(counts, atomicMasses)
            : 0;

    private static Dictionary<string, int> ParseGroup(string formula, ref int position)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (position < formula.Length && formula[position] != ')')
        {
            Dictionary<string, int> part;
            if (formula[position] == '(')
            {
                position++;
                part = ParseGroup(formula, ref position);
                if (position >= formula.Length)
                {
                    throw new FormatException($"unclosed '(' in '{formula}'");
                }

                position++;
            }
            else if (char.IsAsciiLetterUpper(formula[position]))
            {
                var start = position++;
                while (position < formula.Length && char.IsAsciiLetterLower(formula[position]))
                {
                    position++;
                }

                part = new Dictionary<string, int>(StringComparer.Ordinal) { [formula[start..position]] = 1 };
            }
            else
            {
                throw new FormatException($"unexpected '{formula[position]}' at position {position} of '{formula}'");
            }

            var multiplier = ReadCount(formula, ref position);
            foreach (var (element, count) in part)
            {
                var total = counts.GetValueOrDefault(element) + count * multiplier;
                counts[element] = total <= MaxCount ? total : throw new FormatException($"more than {MaxCount} atoms of {element} in '{formula}'");
            }
        }

        return counts;
    }

    private static int ReadCount(string formula, ref int position)
    {
        var start = position;
        while (position < formula.Length && char.IsAsciiDigit(formula[position]))
        {
            position++;
        }

        if (start == position)
        {
            return 1;
        }

        if (!int.TryParse(formula.AsSpan(start, position - start), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || count > MaxCount)
        {
            throw new FormatException($"the count at position {start} of '{formula}' is above {MaxCount}");
        }

        return count > 0 ? count : throw new FormatException($"zero count at position {start} of '{formula}'");
    }
}
