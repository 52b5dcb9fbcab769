using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>
/// English analysis with the same folding and Snowball stems the answer engine uses, so the
/// terms it looks up are the terms the index holds.
/// </summary>
public sealed class EnglishSnowballAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(KnowledgeIndex.Version, reader);
        TokenStream stream = new LowerCaseFilter(KnowledgeIndex.Version, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(KnowledgeIndex.Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new RememberingStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>
    /// Snowball's English stems, as its own filter gives them, remembered per word: a corpus
    /// says the same few thousand words again and again, and running the stemmer was a sixth
    /// of what indexing costs. Each analysis thread has its own components, so its own memory.
    /// </summary>
    private sealed class RememberingStemFilter : TokenFilter
    {
        // Bounds: a full memory is simply emptied; longer words are stemmed each time.
        private const int MaxRemembered = 100_000;
        private const int MaxRememberedLength = 24;

        private readonly EnglishStemmer _stemmer = new();
        private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
        private readonly ICharTermAttribute _term;

        public RememberingStemFilter(TokenStream input) : base(input)
        {
            _bySpan = _stems.GetAlternateLookup<ReadOnlySpan<char>>();
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
                return false;
            var word = _term.Buffer.AsSpan(0, _term.Length);
            if (_bySpan.TryGetValue(word, out var known))
            {
                _term.SetEmpty().Append(known);
                return true;
            }
            // The stemmer works in the buffer it is given: it gets a copy of the word.
            var original = new string(word);
            _stemmer.SetCurrent(original);
            _stemmer.Stem();
            var stem = _stemmer.Current;
            if (original.Length <= MaxRememberedLength)
            {
                if (_stems.Count >= MaxRemembered)
                    _stems.Clear();
                _stems[original] = stem;
            }
            _term.SetEmpty().Append(stem);
            return true;
        }
    }
}
