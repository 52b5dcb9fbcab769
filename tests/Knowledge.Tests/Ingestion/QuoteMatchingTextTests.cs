using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Tests.Ingestion;

/// <summary>Quotes are checked in a document's text folded from its blocks: the same text as folding its plain text.</summary>
public class QuoteMatchingTextTests(CorpusKnowledge corpus) : IClassFixture<CorpusKnowledge>
{
    [Fact]
    public void Is_the_plain_text_folded_for_every_document_of_the_knowledge_and_the_added_documents()
    {
        var documents = corpus.Knowledge.Documents.Select(d => corpus.Knowledge.Document(d.Name)!).ToList();
        Assert.True(documents.Count > 5);
        Assert.All(documents, d => Assert.Equal(TextFolding.ForQuoteMatching(d.PlainText), d.QuoteMatchingText));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("Title\n\nA “Quoted”  Paragraph.   \n\nOne\nTwo\nThree\n\n515 Staff\n")]
    [InlineData("== Heading ==\nText   with\ttabs.\n\n== Empty ==\n")]
    public void Is_the_plain_text_folded_for_odd_documents(string raw)
    {
        var document = PdfExportCleaner.Clean("odd.txt", raw);
        Assert.Equal(TextFolding.ForQuoteMatching(document.PlainText), document.QuoteMatchingText);
    }
}
