namespace IomAssistant.Knowledge.Text;

/// <summary>
/// Set tests on words that look words up one by one, from the smaller set: a question word's
/// few stems against the hundreds an answer shows. <see cref="HashSet{T}.Overlaps"/> walks its
/// argument whatever its size, and <see cref="HashSet{T}.IsSubsetOf"/> walks all of a set
/// built with another comparer.
/// </summary>
public static class WordSets
{
    /// <summary>Whether the two sets share a word.</summary>
    public static bool SharesAny(this IReadOnlySet<string> some, IReadOnlySet<string> other)
    {
        var (small, large) = some.Count <= other.Count ? (some, other) : (other, some);
        if (small is HashSet<string> set)
        {
            // Walked without boxing its enumerator: this runs for every word of every option.
            foreach (var word in set)
                if (large.Contains(word))
                    return true;
            return false;
        }
        foreach (var word in small)
            if (large.Contains(word))
                return true;
        return false;
    }

    /// <summary>Whether every word of <paramref name="some"/> is in <paramref name="other"/>.</summary>
    public static bool AllIn(this IReadOnlySet<string> some, IReadOnlySet<string> other)
    {
        if (some is HashSet<string> set)
        {
            foreach (var word in set)
                if (!other.Contains(word))
                    return false;
            return true;
        }
        foreach (var word in some)
            if (!other.Contains(word))
                return false;
        return true;
    }
}
