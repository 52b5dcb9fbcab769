namespace IomAssistant.Knowledge.Ingestion;

public enum BlockKind { Paragraph, List, Figure }

/// <summary>One readable unit of a document: a paragraph, a list or a figure with its label.</summary>
public sealed record Block(BlockKind Kind, string Text, IReadOnlyList<string> Items);

public sealed record Section(string Title, IReadOnlyList<Block> Blocks);

/// <summary>A passage to search and cite: one block with its section and position.</summary>
public sealed record Passage(string Document, string Section, int Position, string Text);

/// <summary>A document after cleaning: sections of blocks, and the plain text quotes are checked against.</summary>
public sealed class CleanDocument
{
    public const string UntitledSection = "Introduction";

    public CleanDocument(string name, IReadOnlyList<Section> sections)
    {
        Name = name;
        Sections = sections;
        var position = 0;
        Passages = sections
            .SelectMany(s => s.Blocks.Select(b => new Passage(name, s.Title, position++, b.Text)))
            .ToList();
    }

    /// <summary>File name relative to the knowledge folder, e.g. "iom-ro-south-america.txt".</summary>
    public string Name { get; }
    public IReadOnlyList<Section> Sections { get; }

    /// <summary>The first heading when the document opens with one ("IOM in Ecuador"), else empty.</summary>
    public string Title => Sections.Count > 0 && Sections[0].Title != UntitledSection ? Sections[0].Title : "";
    /// <summary>Built on demand: it is needed only to check quotes, and would double a large corpus in memory.</summary>
    public string PlainText => string.Join("\n\n", Sections.Select(s =>
        (s.Title == UntitledSection ? "" : s.Title + "\n\n") +
        string.Join("\n\n", s.Blocks.Select(b => b.Kind == BlockKind.List ? string.Join("\n", b.Items) : b.Text))));

    /// <summary><see cref="PlainText"/> folded as quotes are checked in (<see cref="Text.TextFolding.ForQuoteMatching(string)"/>), folded from the blocks without writing the text out first.</summary>
    public string QuoteMatchingText => Text.TextFolding.ForQuoteMatching(Pieces());

    /// <summary>The titles, paragraphs, figures and list items of <see cref="PlainText"/>, in order.</summary>
    private List<string> Pieces()
    {
        var pieces = new List<string>();
        foreach (var section in Sections)
        {
            if (section.Title != UntitledSection)
                pieces.Add(section.Title);
            foreach (var block in section.Blocks)
            {
                if (block.Kind == BlockKind.List)
                    pieces.AddRange(block.Items);
                else
                    pieces.Add(block.Text);
            }
        }
        return pieces;
    }

    public IReadOnlyList<Passage> Passages { get; }

    /// <summary>The audiences the document's own front matter gives; null when it gives none.</summary>
    public IReadOnlyList<string>? Audiences { get; init; }
}
