using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Bot.Web;

/// <summary>A piece of a line of the document; <see cref="Marked"/> when it belongs to the quote.</summary>
public sealed record SourceRun(string Text, bool Marked);

/// <summary>A paragraph, list or figure: one line per list item, one line otherwise.</summary>
public sealed record SourceBlock(string Kind, IReadOnlyList<IReadOnlyList<SourceRun>> Lines);

public sealed record SourceSection(string Title, IReadOnlyList<SourceBlock> Blocks);

/// <summary>The cleaned document as the source view shows it, with the quote located.</summary>
public sealed record SourceDocumentView(string Document, bool Found, IReadOnlyList<SourceSection> Sections);

/// <summary>
/// Lays out a cleaned document for reading and marks the first place the quote appears. The
/// quote is matched the way the catalog's quotes are checked (case, quote marks and spacing
/// ignored), across paragraph boundaries too, so every cited fact can be shown where it is.
/// </summary>
public static class SourceViewBuilder
{
    public static SourceDocumentView Build(CleanDocument document, string? quote)
    {
        var lines = document.Sections
            .SelectMany(s => s.Blocks)
            .SelectMany(b => b.Kind == BlockKind.List ? b.Items : [b.Text])
            .ToList();
        var marks = Locate(lines, quote);

        var index = 0;
        var sections = document.Sections.Select(section => new SourceSection(section.Title, section.Blocks.Select(block =>
        {
            var count = block.Kind == BlockKind.List ? block.Items.Count : 1;
            var blockLines = Enumerable.Range(index, count).Select(i => Runs(lines[i], marks.GetValueOrDefault(i))).ToList();
            index += count;
            return new SourceBlock(block.Kind.ToString().ToLowerInvariant(), blockLines);
        }).ToList())).ToList();
        return new SourceDocumentView(document.Name, marks.Count > 0, sections);
    }

    /// <summary>For each line the quote covers, the covered range [start, end) of that line.</summary>
    private static Dictionary<int, (int Start, int End)> Locate(IReadOnlyList<string> lines, string? quote)
    {
        var marks = new Dictionary<int, (int, int)>();
        var wanted = TextFolding.ForQuoteMatching(quote ?? "");
        if (wanted.Length == 0)
            return marks;

        // The document folded the same way, remembering where each folded character came from.
        var folded = new System.Text.StringBuilder();
        var origin = new List<(int Line, int Char)>();
        for (var line = 0; line < lines.Count; line++)
        {
            var text = lines[line];
            for (var i = 0; i < text.Length; i++)
            {
                var c = TextFolding.ForQuoteMatching(text[i].ToString());
                var separator = c.Length == 0 ? " " : null;
                if (separator is not null && (folded.Length == 0 || folded[^1] == ' '))
                    continue;
                folded.Append(separator ?? c);
                origin.Add((line, i));
            }
            // Lines are joined by a space, as the plain text quotes are checked against is.
            if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
                origin.Add((line, text.Length));
            }
        }

        var at = folded.ToString().IndexOf(wanted, StringComparison.Ordinal);
        if (at < 0)
            return marks;
        for (var k = at; k < at + wanted.Length; k++)
        {
            var (line, position) = origin[k];
            if (position >= lines[line].Length)
                continue;
            marks[line] = marks.TryGetValue(line, out var range)
                ? (range.Item1, position + 1)
                : (position, position + 1);
        }
        return marks;
    }

    private static IReadOnlyList<SourceRun> Runs(string line, (int Start, int End) mark)
    {
        if (mark.End <= mark.Start)
            return [new SourceRun(line, false)];
        var runs = new List<SourceRun>();
        if (mark.Start > 0) runs.Add(new SourceRun(line[..mark.Start], false));
        runs.Add(new SourceRun(line[mark.Start..mark.End], true));
        if (mark.End < line.Length) runs.Add(new SourceRun(line[mark.End..], false));
        return runs;
    }
}
