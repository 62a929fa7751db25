using System.Buffers;
using System.Numerics;

namespace MagSleep.Core.Content;

/// <summary>Where a term occurs in one segment: how many times without overlap, and the first position.</summary>
internal readonly record struct Occurrences(int Count, int First)
{
    public static readonly Occurrences None = new(0, -1);
}

/// <summary>
/// A suffix array over a fixed list of texts: finding every occurrence of a term costs a binary search and the
/// matches themselves, rather than a scan of every text. Counts are those of a left-to-right scan that resumes
/// after each match, so overlapping occurrences count once.
/// </summary>
internal sealed class SubstringIndex
{
    private readonly string _text;
    private readonly int[] _segmentStarts;
    private readonly int[] _segmentEnds;
    private readonly int[] _suffixes;

    // The segment each position of the text is in; -1 for the separators between segments.
    private readonly int[] _segmentOf;

    public SubstringIndex(IReadOnlyList<string> segments)
    {
        _segmentStarts = new int[segments.Count];
        _segmentEnds = new int[segments.Count];
        var at = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            _segmentStarts[i] = at;
            _segmentEnds[i] = at + segments[i].Length;
            at = _segmentEnds[i] + 1;
        }

        // Segments are separated by a newline; a match that would run across one is discarded in Find.
        _text = string.Join('\n', segments);
        _segmentOf = new int[_text.Length];
        _segmentOf.AsSpan().Fill(-1);
        for (var i = 0; i < segments.Count; i++)
        {
            _segmentOf.AsSpan(_segmentStarts[i], segments[i].Length).Fill(i);
        }

        _suffixes = new int[_text.Length];
        for (var i = 0; i < _suffixes.Length; i++)
        {
            _suffixes[i] = i;
        }

        var text = _text;
        Array.Sort(_suffixes, (a, b) => text.AsSpan(a).SequenceCompareTo(text.AsSpan(b)));
    }

    public int SegmentCount => _segmentStarts.Length;

    /// <summary>Fills <paramref name="found"/> (one slot per segment) with where <paramref name="term"/> occurs.</summary>
    public void Find(ReadOnlySpan<char> term, Span<Occurrences> found)
    {
        found.Fill(Occurrences.None);
        if (term.IsEmpty)
        {
            return;
        }

        var from = LowerBound(term, prefixMatches: false);
        var to = LowerBound(term, prefixMatches: true);
        if (from == to)
        {
            return;
        }

        if (!OverlapsItself(term))
        {
            CountEveryMatch(term.Length, _suffixes.AsSpan(from, to - from), found);
            return;
        }

        // The matches come out of the suffix array in text order, not position order: a bit per position puts them
        // in order in one pass, where sorting them was most of a query's cost.
        var words = ArrayPool<ulong>.Shared.Rent((_text.Length + 63) / 64);
        try
        {
            var marked = words.AsSpan(0, (_text.Length + 63) / 64);
            marked.Clear();
            foreach (var position in _suffixes.AsSpan(from, to - from))
            {
                marked[position >> 6] |= 1UL << position;
            }

            var segment = 0;
            var resumeAt = 0;
            for (var word = 0; word < marked.Length; word++)
            {
                for (var bits = marked[word]; bits != 0; bits &= bits - 1)
                {
                    var position = (word << 6) + BitOperations.TrailingZeroCount(bits);
                    while (position >= _segmentEnds[segment])
                    {
                        segment++;
                    }

                    if (position < _segmentStarts[segment] || position + term.Length > _segmentEnds[segment] || position < resumeAt)
                    {
                        continue;
                    }

                    var previous = found[segment];
                    found[segment] = previous.Count == 0
                        ? new Occurrences(1, position - _segmentStarts[segment])
                        : previous with { Count = previous.Count + 1 };
                    resumeAt = position + term.Length;
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(words);
        }
    }

    /// <summary>
    /// Two matches of a term overlap only if the term begins the way it ends (as "aba" does). Most terms do not: then
    /// every match counts, in whatever order they come, and no scan in position order is needed.
    /// </summary>
    private static bool OverlapsItself(ReadOnlySpan<char> term)
    {
        for (var border = term.Length - 1; border > 0; border--)
        {
            if (term[..border].SequenceEqual(term[^border..]))
            {
                return true;
            }
        }

        return false;
    }

    private void CountEveryMatch(int termLength, ReadOnlySpan<int> matches, Span<Occurrences> found)
    {
        foreach (var position in matches)
        {
            var segment = _segmentOf[position];
            if (segment < 0 || position + termLength > _segmentEnds[segment])
            {
                continue;
            }

            var at = position - _segmentStarts[segment];
            var previous = found[segment];
            found[segment] = new Occurrences(previous.Count + 1, previous.Count == 0 ? at : Math.Min(previous.First, at));
        }
    }

    /// <summary>
    /// The first suffix that sorts at or after <paramref name="term"/>; with <paramref name="prefixMatches"/>, the first
    /// after every suffix that starts with it.
    /// </summary>
    private int LowerBound(ReadOnlySpan<char> term, bool prefixMatches)
    {
        var low = 0;
        var high = _suffixes.Length;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            var suffix = _text.AsSpan(_suffixes[middle]);
            var comparison = suffix[..Math.Min(suffix.Length, term.Length)].SequenceCompareTo(term);
            if (comparison == 0 && suffix.Length < term.Length)
            {
                comparison = -1;
            }

            if (comparison < 0 || (prefixMatches && comparison == 0))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
