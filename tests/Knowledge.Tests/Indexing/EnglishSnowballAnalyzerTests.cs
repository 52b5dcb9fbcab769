using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball.Ext;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Indexing;

public class EnglishSnowballAnalyzerTests
{
    // Words said again and again (the remembered stems) and once, short and long, with digits and accents.
    private const string Text = """
        Offices, offices and OFFICES: the Regional Office coordinated the coordination of migrants' relocations.
        Relocated, relocating, relocation; 1990s, 2nd, IOM's, Perú, São Paulo, the antidisestablishmentarianisms
        of internationalizations. Offices coordinate; migrants relocate.
        """;

    [Fact]
    public void Gives_the_terms_of_Lucenes_own_snowball_chain_for_words_seen_again_and_for_new_ones()
    {
        using var analyzer = new EnglishSnowballAnalyzer();
        using var reference = new SnowballReference();

        var terms = Terms(analyzer, Text + Text);

        Assert.Equal(Terms(reference, Text + Text), terms);
        Assert.Contains("offic", terms);
        Assert.Contains("reloc", terms);
    }

    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>The same chain with Lucene's SnowballFilter, stemming every word anew.</summary>
    private sealed class SnowballReference : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(KnowledgeIndex.Version, reader);
            TokenStream stream = new LowerCaseFilter(KnowledgeIndex.Version, source);
            stream = new ASCIIFoldingFilter(stream);
            stream = new StopFilter(KnowledgeIndex.Version, stream, EnglishAnalyzer.DefaultStopSet);
            return new TokenStreamComponents(source, new SnowballFilter(stream, new EnglishStemmer()));
        }
    }
}
