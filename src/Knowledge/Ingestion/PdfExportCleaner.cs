using System.Text.RegularExpressions;

namespace IomAssistant.Knowledge.Ingestion;

/// <summary>
/// Turns text exported from a PDF into sections of paragraphs: rejoins broken lines, undoes
/// end-of-line hyphenation, keeps a figure with its label ("515 Staff"), finds lists and
/// headings (also headings glued to the text that follows them).
/// </summary>
public static partial class PdfExportCleaner
{
    private const int MaxHeadingWords = 14;
    private const int MaxListItemWords = 4;
    private const int MaxHeadingRun = 3;
    // A title may carry a year ("Strategy 2020-2024"), not a phone number or a street address.
    private const int MaxHeadingDigits = 8;

    // Lines ending in these words continue on the next line.
    private static readonly HashSet<string> ContinuationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "its", "their", "y", "e", "de", "del", "da", "do", "la", "el", "en", "para", "com", "con",
    };

    public static CleanDocument Clean(string name, string raw)
    {
        var text = raw.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\f', '\n');
        var lines = text.Split('\n').Select(CollapseWhitespace).ToList();
        // Found only when a line ends split at a hyphen: most documents have none, and finding
        // them reads the whole text.
        var knownHyphenated = new Lazy<HashSet<string>>(() => HyphenatedWords(text), LazyThreadSafetyMode.None);

        var paragraphs = SplitParagraphs(lines);
        paragraphs = MergeContinuedParagraphs(paragraphs);
        var logical = paragraphs.Select(p => JoinLines(p, knownHyphenated)).ToList();
        return new CleanDocument(name, BuildSections(logical));
    }

    private static List<List<string>> SplitParagraphs(List<string> lines)
    {
        var paragraphs = new List<List<string>>();
        var current = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (current.Count > 0) paragraphs.Add(current);
                current = [];
            }
            else
                current.Add(line);
        }
        if (current.Count > 0) paragraphs.Add(current);
        return paragraphs;
    }

    /// <summary>
    /// A paragraph that stops mid-phrase ("in the city of"), or is followed by one starting in
    /// lower case, goes on in the next one: the export put a blank line inside a sentence.
    /// </summary>
    private static List<List<string>> MergeContinuedParagraphs(List<List<string>> paragraphs)
    {
        var merged = new List<List<string>>();
        foreach (var p in paragraphs)
        {
            if (merged.Count > 0 && !EndsSentence(merged[^1][^1]) && (StartsLower(p[0]) || EndsMidPhrase(merged[^1][^1])))
                merged[^1].AddRange(p);
            else
                merged.Add([.. p]);
        }
        return merged;
    }

    /// <summary>Joins the physical lines of a paragraph into logical lines.</summary>
    private static List<string> JoinLines(List<string> lines, Lazy<HashSet<string>> knownHyphenated)
    {
        var logical = new List<string>();
        var current = new LogicalLine(lines[0]);
        for (var i = 1; i < lines.Count; i++)
        {
            var next = lines[i];
            if (current.EndsWithSplitWord && StartsLower(next))
                current.JoinSplitWord(next, knownHyphenated);
            else if (current.ContinuesWith(next))
                current.Append(next);
            else
            {
                logical.Add(current.ToString());
                current = new LogicalLine(next);
            }
        }
        logical.Add(current.ToString());
        return logical;
    }

    /// <summary>
    /// A logical line being joined from physical ones, built in place so that a paragraph of
    /// many lines is copied once; it knows what the joining rules ask of it: its last word, last
    /// character and number of words.
    /// </summary>
    private sealed class LogicalLine
    {
        private readonly System.Text.StringBuilder _text;
        private readonly bool _numberOnly;
        private int _lastSpace;
        private int _words;
        private bool _joined;

        public LogicalLine(string line)
        {
            _text = new System.Text.StringBuilder(line);
            _numberOnly = IsNumberOnly(line);
            _lastSpace = line.LastIndexOf(' ');
            _words = WordCount(line);
        }

        private char Last => _text[^1];
        private string LastWord => _text.ToString(_lastSpace + 1, _text.Length - _lastSpace - 1);

        public bool EndsWithSplitWord => _text.Length >= 2 && Last == '-' && char.IsLetter(_text[^2]);

        public bool ContinuesWith(string next)
        {
            // Only a line of its own can be a bare number: a joined one holds a space or letters.
            if (StartsLower(next) || _numberOnly && !_joined)
                return true;
            // A long line that does not end its sentence goes on, even before a capital ("Regional\nDirector").
            return EndsMidPhrase(Last, LastWord) || (!IsSentenceEnd(Last) && _words > MaxHeadingWords);
        }

        public void Append(string next)
        {
            _text.Append(' ');
            var offset = _text.Length;
            _text.Append(next);
            _lastSpace = next.LastIndexOf(' ') is >= 0 and var last ? offset + last : offset - 1;
            _words += WordCount(next);
            _joined = true;
        }

        /// <summary>"concer-" and "ning": one word, hyphen dropped, unless the document writes it hyphenated elsewhere ("intra-regional").</summary>
        public void JoinSplitWord(string next, Lazy<HashSet<string>> knownHyphenated)
        {
            var leftPart = _text.ToString(_lastSpace + 1, _text.Length - _lastSpace - 2);
            var space = next.IndexOf(' ');
            var rightPart = space < 0 ? next : next[..space];
            var compound = TrimPunctuation(leftPart + "-" + rightPart).ToLowerInvariant();
            if (!knownHyphenated.Value.Contains(compound))
                _text.Length--;
            var offset = _text.Length;
            _text.Append(next);
            if (next.LastIndexOf(' ') is >= 0 and var last)
                _lastSpace = offset + last;
            _words += WordCount(next) - 1;
            _joined = true;
        }

        public override string ToString() => _text.ToString();
    }

    private static bool EndsMidPhrase(string line) => EndsMidPhrase(line[^1], line[(line.LastIndexOf(' ') + 1)..]);

    private static bool EndsMidPhrase(char last, string lastWord) =>
        last is ',' or '(' or '-' or '&' || ContinuationWords.Contains(lastWord);

    private static List<Section> BuildSections(List<List<string>> paragraphs)
    {
        var sections = new List<Section>();
        var title = CleanDocument.UntitledSection;
        var blocks = new List<Block>();

        void Close()
        {
            if (blocks.Count > 0 || title != CleanDocument.UntitledSection)
                sections.Add(new Section(title, blocks));
            blocks = [];
        }

        // Flatten to a stream of logical lines, remembering paragraph starts.
        var stream = new List<(string Line, bool StartsParagraph)>();
        foreach (var p in paragraphs)
            for (var i = 0; i < p.Count; i++)
                stream.Add((p[i], i == 0));

        for (var i = 0; i < stream.Count; i++)
        {
            var line = stream[i].Line;
            var listEnd = ListEnd(stream, i);
            if (listEnd - i >= 3)
            {
                var items = stream.Skip(i).Take(listEnd - i).Select(s => s.Line).ToList();
                blocks.Add(new Block(BlockKind.List, string.Join(", ", items), items));
                i = listEnd - 1;
                continue;
            }
            if (IsFigure(line))
            {
                blocks.Add(new Block(BlockKind.Figure, line, []));
                continue;
            }
            if (MarkedHeading(line) is { } marked)
            {
                Close();
                title = marked;
                continue;
            }
            // A run of short title lines before the body ("Repository of Practices", the name of
            // the practice, "Summary") is one heading: each line says what the text is about.
            var run = i;
            while (run < stream.Count && IsHeadingCandidate(stream[run].Line) && MarkedHeading(stream[run].Line) is null &&
                   (run == i || ListEnd(stream, run) - run < 3 && !ReadsAsStatement(stream[run - 1].Line)))
                run++;
            if (run > i && run < stream.Count && FollowedByBody(stream, run) && run - i <= MaxHeadingRun)
            {
                Close();
                title = string.Join(" – ", stream.Skip(i).Take(run - i).Select(s => TrimPunctuation(s.Line)));
                i = run - 1;
                continue;
            }
            blocks.Add(new Block(BlockKind.Paragraph, line, []));
        }
        Close();
        return sections;
    }

    /// <summary>A heading is followed by body text or a list, not by another short unpunctuated line.</summary>
    private static bool FollowedByBody(List<(string Line, bool StartsParagraph)> stream, int next) =>
        ListEnd(stream, next) - next >= 3 || !IsHeadingCandidate(stream[next].Line) && !IsFigure(stream[next].Line);

    private static int ListEnd(List<(string Line, bool StartsParagraph)> stream, int start)
    {
        var end = start;
        while (end < stream.Count && IsListItem(stream[end].Line) && (end == start || !stream[end].StartsParagraph))
            end++;
        return end;
    }

    private static bool IsListItem(string line) =>
        WordCount(line) <= MaxListItemWords && !EndsSentence(line) && !line.EndsWith(',') && char.IsUpper(line[0]) && !IsFigure(line);

    private static bool IsHeadingCandidate(string line) =>
        WordCount(line) <= MaxHeadingWords && line.Length <= 120 && char.IsUpper(line[0]) &&
        !EndsSentence(line) && !line.EndsWith(',') && !IsFigure(line) && !IsContactLine(line);

    /// <summary>"Tel: +51.1 221 76 98", "Miguel Seminario 320, 14° piso": an address block, not a title.</summary>
    private static bool IsContactLine(string line) =>
        line.Count(char.IsDigit) > MaxHeadingDigits || line.Contains(": ", StringComparison.Ordinal);

    /// <summary>A short line that states something ("IOM is committed to...") is no title, even unpunctuated.</summary>
    private static bool ReadsAsStatement(string line) =>
        StatementWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] StatementWords = [" is ", " are ", " was ", " were ", " that ", " has ", " have "];

    /// <summary>A heading marked up as wiki ("== Quito Declaration ==") or Markdown ("## Summary") text.</summary>
    private static string? MarkedHeading(string line)
    {
        var match = HeadingMarkup().Match(line);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static bool IsFigure(string line) => char.IsDigit(line[0]) && WordCount(line) <= 6 && !EndsSentence(line);

    private static bool IsNumberOnly(string line) => NumberOnly().IsMatch(line);

    private static bool EndsSentence(string line) => IsSentenceEnd(line[^1]);

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or ':' or ';';

    private static bool StartsLower(string line) => char.IsLower(line[0]);

    private static int WordCount(string line)
    {
        var count = 0;
        for (var i = 0; i < line.Length; i++)
            if (line[i] != ' ' && (i == 0 || line[i - 1] == ' '))
                count++;
        return count;
    }

    /// <summary>Runs of whitespace become one space, none at the ends (a regex per line was most of ingestion's time).</summary>
    private static string CollapseWhitespace(string line)
    {
        var span = line.AsSpan().Trim();
        var clean = true;
        for (var i = 0; i < span.Length && clean; i++)
            clean = span[i] == ' ' ? span[i + 1] != ' ' && !char.IsWhiteSpace(span[i + 1]) : !char.IsWhiteSpace(span[i]);
        if (clean)
            return span.Length == line.Length ? line : span.ToString();
        var sb = new System.Text.StringBuilder(span.Length);
        var inSpace = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace) sb.Append(' ');
                inSpace = true;
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }
        return sb.ToString();
    }

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '"', '\''];
    private static readonly char[] Parentheses = ['(', ')'];

    private static string TrimPunctuation(string s)
    {
        var trimmed = s.AsSpan().Trim().Trim(Punctuation);
        // A closing parenthesis belongs to a heading that opens one: "... Venezuela (R4V)".
        if (trimmed.Count('(') != trimmed.Count(')'))
            trimmed = trimmed.Trim(Parentheses);
        return trimmed.Length == s.Length ? s : trimmed.ToString();
    }

    /// <summary>
    /// The hyphenated words of a text, lower case, as <c>(?&lt;!\p{L})\p{L}+-\p{L}+</c> would match
    /// them from left to right; found from the hyphens, which are rare, instead of testing
    /// every letter.
    /// </summary>
    private static HashSet<string> HyphenatedWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var end = 0;
        for (var hyphen = text.IndexOf('-'); hyphen >= 0; hyphen = text.IndexOf('-', hyphen + 1))
        {
            var start = hyphen;
            while (start > 0 && char.IsLetter(text[start - 1]))
                start--;
            var stop = hyphen + 1;
            while (stop < text.Length && char.IsLetter(text[stop]))
                stop++;
            // A match needs letters on both sides and starts after the one before it ends.
            if (start == hyphen || stop == hyphen + 1 || start < end)
                continue;
            words.Add(text[start..stop].ToLowerInvariant());
            end = stop;
        }
        return words;
    }

    [GeneratedRegex(@"^(?:={1,6}|#{1,6})\s*([^=#].*?)\s*=*$")]
    private static partial Regex HeadingMarkup();

    [GeneratedRegex(@"^\d[\d.,]*$")]
    private static partial Regex NumberOnly();
}
