using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

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
        stream = new SnowballFilter(stream, new EnglishStemmer());
        return new TokenStreamComponents(source, stream);
    }
}
