using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;
using IomAssistant.Knowledge.Audiences;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace IomAssistant.Knowledge.Ingestion;

/// <summary>Reads the document formats content owners drop into the knowledge folder.</summary>
public static class DocumentReader
{
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".pdf", ".docx" };

    /// <summary>Reads and cleans one document; throws <see cref="KnowledgeException"/> naming the file when it cannot.</summary>
    public static CleanDocument Read(string path, string name) => Read(name, Content(path, name));

    /// <summary>A document file's bytes; a file that cannot be read rejects the document, naming it.</summary>
    public static byte[] Content(string path, string name)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KnowledgeException($"{name}: cannot read the document ({e.GetType().Name}: {e.Message})", e);
        }
    }

    /// <summary>Cleans one document from the bytes of its file, of the type its <paramref name="name"/>'s extension says.</summary>
    public static CleanDocument Read(string name, byte[] content)
    {
        try
        {
            return Path.GetExtension(name).ToLowerInvariant() switch
            {
                ".txt" => PdfExportCleaner.Clean(name, Decoded(content)),
                ".md" => ReadMarkdown(name, Decoded(content)),
                ".pdf" => ReadPdf(content, name),
                ".docx" => ReadDocx(content, name),
                var ext => throw new KnowledgeException($"{name}: unsupported document type '{ext}'"),
            };
        }
        catch (KnowledgeException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The PDF and Word parsers read files anyone can drop into the folder, and a corrupt
            // one can make them throw anything (index out of range, null reference, ...): every
            // such failure rejects this document, naming it, and never the process.
            throw new KnowledgeException($"{name}: cannot read the document ({e.GetType().Name}: {e.Message})", e);
        }
    }

    /// <summary>Reads a Markdown document; its YAML front matter, if any, may give its audiences and is not text.</summary>
    public static CleanDocument ReadMarkdown(string name, string markdown)
    {
        var audiences = AudienceRules.ReadFrontMatter(name, ref markdown);
        var sections = new List<Section>();
        var title = CleanDocument.UntitledSection;
        var blocks = new List<Block>();
        foreach (var node in Markdown.Parse(markdown))
        {
            switch (node)
            {
                case HeadingBlock heading:
                    if (blocks.Count > 0 || title != CleanDocument.UntitledSection)
                        sections.Add(new Section(title, blocks));
                    title = InlineText(heading.Inline);
                    blocks = [];
                    break;
                case ParagraphBlock paragraph:
                    AddParagraph(blocks, InlineText(paragraph.Inline));
                    break;
                case ListBlock list:
                    var items = list.Descendants<ParagraphBlock>().Select(p => InlineText(p.Inline)).Where(s => s.Length > 0).ToList();
                    if (items.Count > 0)
                        blocks.Add(new Block(BlockKind.List, string.Join(", ", items), items));
                    break;
                case QuoteBlock quote:
                    foreach (var p in quote.Descendants<ParagraphBlock>())
                        AddParagraph(blocks, InlineText(p.Inline));
                    break;
            }
        }
        if (blocks.Count > 0 || title != CleanDocument.UntitledSection)
            sections.Add(new Section(title, blocks));
        return new CleanDocument(name, sections) { Audiences = audiences };
    }

    /// <summary>As a text file is read: UTF-8 unless a byte order mark says otherwise.</summary>
    private static string Decoded(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static CleanDocument ReadPdf(byte[] content, string name)
    {
        using var pdf = PdfDocument.Open(content);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
            text.Append(ContentOrderTextExtractor.GetText(page)).Append("\n\n");
        return PdfExportCleaner.Clean(name, text.ToString());
    }

    private static CleanDocument ReadDocx(byte[] content, string name)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(content), false);
        var body = doc.MainDocumentPart?.Document?.Body
                   ?? throw new KnowledgeException($"{name}: the document has no body");
        var sections = new List<Section>();
        var title = CleanDocument.UntitledSection;
        var blocks = new List<Block>();
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            var text = string.Join("", paragraph.Descendants<WordText>().Select(t => t.Text)).Trim();
            if (text.Length == 0)
                continue;
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                if (blocks.Count > 0 || title != CleanDocument.UntitledSection)
                    sections.Add(new Section(title, blocks));
                title = text;
                blocks = [];
            }
            else
                AddParagraph(blocks, text);
        }
        if (blocks.Count > 0 || title != CleanDocument.UntitledSection)
            sections.Add(new Section(title, blocks));
        return new CleanDocument(name, sections);
    }

    private static void AddParagraph(List<Block> blocks, string text)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > 0)
            blocks.Add(new Block(BlockKind.Paragraph, text, []));
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
            return "";
        var sb = new StringBuilder();
        foreach (var child in inline.Descendants<Inline>())
        {
            switch (child)
            {
                case LiteralInline literal: sb.Append(literal.Content.ToString()); break;
                case CodeInline code: sb.Append(code.Content); break;
                case LineBreakInline: sb.Append(' '); break;
            }
        }
        return string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
