using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Extraction;

/// <summary>One word of a sentence: where it stands, as written, folded, and how it is cased.</summary>
public sealed record Word(string Text, int Start, int End, string Folded)
{
    public bool Capitalized => char.IsUpper(Text[0]);

    /// <summary>"IOM", "R4V", "IDPs": two or more capitals (a digit may stand among them), at most a plural s after.</summary>
    public bool Acronym
    {
        get
        {
            var core = Text.Length > 2 && Text[^1] == 's' ? Text[..^1] : Text;
            return core.Length is >= 2 and <= 8 && core.All(c => char.IsUpper(c) || char.IsDigit(c)) && core.Count(char.IsUpper) >= 2;
        }
    }

    public bool IsNumber => char.IsDigit(Text[0]);

    /// <summary>
    /// The words of a sentence in one pass: runs of letters and digits, a hyphen or apostrophe
    /// inside a word kept ("Inter-Agency", "IOM's"), and "2,038,107" or "7.7" as one number.
    /// </summary>
    public static List<Word> Split(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            var number = char.IsDigit(text[i]);
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                    i++;
                else if (i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) &&
                         (number ? (c is ',' or '.') && char.IsDigit(text[i + 1]) : c is '-' or '\'' or '’'))
                    i++;
                else
                    break;
            }
            var word = text[start..i];
            // "Peru's" is Peru: the possessive is no part of the name.
            var stem = word.Length > 2 && word[^2] is '\'' or '’' && word[^1] == 's' ? word[..^2] : word;
            words.Add(new Word(word, start, i, TextFolding.Fold(stem)));
        }
        return words;
    }

    /// <summary>The folded words[start..start+length] one space apart, as names are looked up.</summary>
    public static string FoldedRun(IReadOnlyList<Word> words, int start, int length)
    {
        if (length == 1)
            return words[start].Folded;
        var size = length - 1;
        for (var k = start; k < start + length; k++)
            size += words[k].Folded.Length;
        return string.Create(size, (words, start, length), static (span, run) =>
        {
            var at = 0;
            for (var k = run.start; k < run.start + run.length; k++)
            {
                if (at > 0)
                    span[at++] = ' ';
                run.words[k].Folded.AsSpan().CopyTo(span[at..]);
                at += run.words[k].Folded.Length;
            }
        });
    }
}
