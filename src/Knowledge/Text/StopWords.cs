using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Util;

namespace IomAssistant.Knowledge.Text;

/// <summary>Function words of each language, from the Lucene analyzers' own lists, folded.</summary>
public static class StopWords
{
    public static readonly IReadOnlySet<string> English = Fold(EnglishAnalyzer.DefaultStopSet, "what", "which", "who", "whom", "when", "where", "how", "does", "do", "did", "has", "have", "had", "can", "could", "would", "should", "its", "it's", "many", "much", "from", "i", "me", "my", "you", "your", "we", "our", "s",
        // What is left of "don't", "isn't", "didn't" once the apostrophe splits them.
        "t", "don", "doesn", "didn", "isn", "wasn", "weren", "aren", "hasn", "haven", "hadn", "couldn", "wouldn", "shouldn");
    // "estado(s)" is listed as a form of "estar", but in questions it is the noun: "estados miembros".
    public static readonly IReadOnlySet<string> Spanish = Without(Fold(SpanishAnalyzer.DefaultStopSet), "estado", "estados");
    public static readonly IReadOnlySet<string> Portuguese = Fold(PortugueseAnalyzer.DefaultStopSet);

    public static bool IsStopWord(string folded) =>
        English.Contains(folded) || Spanish.Contains(folded) || Portuguese.Contains(folded);

    private static HashSet<string> Without(HashSet<string> words, params string[] nouns)
    {
        words.ExceptWith(nouns);
        return words;
    }

    private static HashSet<string> Fold(CharArraySet set, params string[] extra)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in set)
            words.Add(TextFolding.Fold(word.ToString()!));
        words.UnionWith(extra);
        return words;
    }
}
