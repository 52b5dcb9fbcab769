using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;
using IomAssistant.Knowledge.Ingestion;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace IomAssistant.Knowledge.Tests.Ingestion;

public class DocumentReaderTests
{
    [Fact]
    public void Reads_markdown_headings_paragraphs_and_lists()
    {
        using var folder = new TempFolder();
        var path = folder.Write("notes.md", "# Emergency Response\n\nIOM has the **capacity** to coordinate\nimmediate response.\n\n- Camp Coordination\n- Camp Management\n");
        var doc = DocumentReader.Read(path, "notes.md");
        var section = Assert.Single(doc.Sections);
        Assert.Equal("Emergency Response", section.Title);
        Assert.Equal("IOM has the capacity to coordinate immediate response.", section.Blocks[0].Text);
        Assert.Equal(["Camp Coordination", "Camp Management"], section.Blocks[1].Items);
    }

    [Fact]
    public void Reads_word_documents_with_heading_styles()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "report.docx");
        using (var word = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new WordText("Migration and Development"))),
                new Paragraph(new Run(new WordText("IOM highlights the positive impact of migration.")))));
        }
        var doc = DocumentReader.Read(path, "report.docx");
        var section = Assert.Single(doc.Sections);
        Assert.Equal("Migration and Development", section.Title);
        Assert.Equal("IOM highlights the positive impact of migration.", Assert.Single(section.Blocks).Text);
    }

    [Fact]
    public void Reads_pdf_text_and_cleans_it_like_an_export()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "brochure.pdf");
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PdfPageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("Emergency Response", 12, new PdfPoint(40, 760), font);
        page.AddText("IOM has the capacity to coordinate and provide immediate re-", 10, new PdfPoint(40, 740), font);
        page.AddText("sponse to the needs of the population affected by natural disasters.", 10, new PdfPoint(40, 728), font);
        page.AddText("515 Staff", 10, new PdfPoint(40, 700), font);
        File.WriteAllBytes(path, builder.Build());

        var doc = DocumentReader.Read(path, "brochure.pdf");
        Assert.Contains("provide immediate response to the needs", doc.PlainText);
        Assert.Contains("515 Staff", doc.PlainText);
        Assert.Contains(doc.Sections, s => s.Title == "Emergency Response");
    }

    [Theory]
    [InlineData("broken.pdf")]
    [InlineData("broken.docx")]
    public void A_corrupt_file_fails_with_its_name(string name)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, "this is not really a " + name);
        var error = Assert.Throws<KnowledgeException>(() => DocumentReader.Read(path, name));
        Assert.Contains(name, error.Message);
    }
}
