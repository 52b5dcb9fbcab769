using IomAssistant.Knowledge.Caching;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace IomAssistant.Knowledge.Text;

/// <summary>Snowball stems per language, so "offices"/"office" and "fundó"/"fundada" meet.</summary>
public static class Stemmer
{
    // Snowball programs keep state, so each thread gets its own.
    [ThreadStatic] private static EnglishStemmer? _english;
    [ThreadStatic] private static SpanishStemmer? _spanish;
    [ThreadStatic] private static PortugueseStemmer? _portuguese;

    // The engine stems the same words (questions, hit passages) over and over; the vocabulary is bounded.
    private const int MaxRememberedEnglishStems = 50_000;
    private const int MaxRememberedWordLength = 24;
    private static readonly BoundedCache<string, string> EnglishStems = new(MaxRememberedEnglishStems, StringComparer.Ordinal);

    public static string English(string folded)
    {
        if (EnglishStems.TryGetValue(folded, out var stem))
            return stem;
        stem = EnglishComputed(folded);
        // Only word-sized keys are kept: a question of long made-up words cannot fill the cache's memory.
        if (folded.Length > MaxRememberedWordLength)
            return stem;
        EnglishStems.Add(folded, stem);
        return stem;
    }

    /// <summary>
    /// The English stem, worked out now without the shared memory and its lock: for a caller
    /// that remembers the stems of what it reads itself, such as the vocabulary count.
    /// </summary>
    public static string EnglishComputed(string folded) => Stem(_english ??= new EnglishStemmer(), folded);

    public static string Spanish(string folded) => Stem(_spanish ??= new SpanishStemmer(), folded);
    public static string Portuguese(string folded) => Stem(_portuguese ??= new PortugueseStemmer(), folded);

    // The index's tokenizer drops longer tokens (StandardTokenizer's limit): no document has
    // such a word, and stemming one made up that long would cost more than a whole question.
    private const int MaxStemmedLength = 255;

    private static string Stem(SnowballProgram program, string word)
    {
        if (word.Length < 3 || word.Length > MaxStemmedLength || char.IsDigit(word[0]))
            return word;
        program.SetCurrent(word);
        program.Stem();
        return program.Current;
    }
}
