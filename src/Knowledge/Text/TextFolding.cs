using System.Globalization;
using System.Text;

namespace IomAssistant.Knowledge.Text;

/// <summary>
/// Folds text for matching: lower case, no accents, typographic quotes made plain, and splits
/// it into word tokens. Users type "Perú", "peru" and "PERU" for the same thing.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        if (FoldedAscii(text) is { } ascii)
            return ascii;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            sb.Append(c switch
            {
                '\u2018' or '\u2019' or '\u02bc' or '`' or '\u00b4' => '\'',
                '\u201c' or '\u201d' => '"',
                '\u2013' or '\u2014' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString();
    }

    /// <summary>
    /// Word tokens with whether the user wrote them in capitals ("UN", "RO"): an acronym is not
    /// the function word it folds to ("un" in Spanish).
    /// </summary>
    public static List<(string Folded, bool Acronym, bool Capitalized)> TokensWithCase(string text)
    {
        var tokens = new List<(string, bool, bool)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
                start = i;
            else if (!isWord && start >= 0)
            {
                var word = text[start..i];
                var acronym = IsAcronym(word);
                var capitalized = char.IsUpper(word[0]);
                // A plain ASCII run of letters and digits is one token, folded.
                if (FoldedAscii(word) is { } folded)
                    tokens.Add((folded, acronym, capitalized));
                else
                    foreach (var token in Tokens(word))
                        tokens.Add((token, acronym, capitalized));
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>Two or more capitals and digits, one capital at least: "UN", "RO", "G20".</summary>
    private static bool IsAcronym(string word)
    {
        if (word.Length < 2)
            return false;
        var upper = false;
        foreach (var c in word)
        {
            if (char.IsUpper(c))
                upper = true;
            else if (!char.IsDigit(c))
                return false;
        }
        return upper;
    }

    /// <summary>
    /// Plain ASCII text (nearly every word of English documents) folded without decomposing
    /// it: only upper case and the backquote change, and text already folded is returned as
    /// it is. Null when the text is not plain ASCII.
    /// </summary>
    private static string? FoldedAscii(string text)
    {
        var changes = false;
        foreach (var c in text)
        {
            if (c > '\u007f')
                return null;
            changes |= c is >= 'A' and <= 'Z' or '`';
        }
        if (!changes)
            return text;
        return string.Create(text.Length, text, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                folded[i] = source[i] switch
                {
                    '`' => '\'',
                    >= 'A' and <= 'Z' and var upper => (char)(upper + ('a' - 'A')),
                    var c => c,
                };
        });
    }

    /// <summary>Folded word tokens: runs of letters and digits ("aires", "2011", "idps").</summary>
    public static List<string> Tokens(string text)
    {
        var folded = Fold(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (isWord && start < 0)
                start = i;
            else if (!isWord && start >= 0)
            {
                tokens.Add(folded[start..i]);
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>Whitespace collapsed, quotes plain, lower case: the form quotes are checked in.</summary>
    public static string ForQuoteMatching(string text) => ForQuoteMatching([text]);

    /// <summary>
    /// <see cref="ForQuoteMatching(string)"/> of the pieces written one after another with
    /// whitespace between them, without writing them out first: a document's text is folded
    /// from its blocks.
    /// </summary>
    public static string ForQuoteMatching(IReadOnlyList<string> pieces)
    {
        var length = pieces.Count;
        foreach (var piece in pieces)
            length += piece.Length;
        var sb = new StringBuilder(length);
        var lastWasSpace = true;
        foreach (var piece in pieces)
        {
            foreach (var raw in piece)
            {
                var c = raw switch
                {
                    '\u2018' or '\u2019' or '\u02bc' => '\'',
                    '\u201c' or '\u201d' => '"',
                    _ => char.ToLowerInvariant(raw),
                };
                if (char.IsWhiteSpace(c))
                {
                    if (!lastWasSpace)
                        sb.Append(' ');
                    lastWasSpace = true;
                }
                else
                {
                    sb.Append(c);
                    lastWasSpace = false;
                }
            }
            if (!lastWasSpace)
                sb.Append(' ');
            lastWasSpace = true;
        }
        // Only a space can end it: every other whitespace was collapsed into one.
        if (sb.Length > 0 && sb[^1] == ' ')
            sb.Length--;
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="Tokens"/> into <paramref name="tokens"/>, and into <paramref name="votes"/> each
    /// word with whether it is written capitalized where a sentence does not start: how names
    /// ("Quito", "Venezuelans") tell themselves apart from ordinary words. Sentence-initial
    /// words say nothing and are skipped. Plain ASCII text (nearly every English passage) is
    /// read once for both.
    /// </summary>
    /// <param name="known">Folded words already read, to take them from instead of folding each again.</param>
    public static void WordsAndVotes(string text, List<string> tokens, List<(string Folded, bool Capitalized)> votes, FoldedWords? known = null)
    {
        var ascii = System.Text.Ascii.IsValid(text);
        if (!ascii)
            tokens.AddRange(Tokens(text));
        var start = -1;
        var sentenceStart = true;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                var capitalized = char.IsUpper(text[start]);
                var counted = !sentenceStart && char.IsLetter(text[start]);
                if (ascii)
                {
                    // A plain ASCII run of letters and digits is one token, folded.
                    var folded = known?.Of(text.AsSpan(start, i - start)) ?? FoldedAscii(text[start..i])!;
                    tokens.Add(folded);
                    if (counted)
                        votes.Add((folded, capitalized));
                }
                else if (counted)
                {
                    var word = text[start..i];
                    if (FoldedAscii(word) is { } folded)
                        votes.Add((folded, capitalized));
                    else
                        foreach (var t in Tokens(word))
                            votes.Add((t, capitalized));
                }
                sentenceStart = false;
                start = -1;
            }
            if (c is '.' or '!' or '?' or ':' or ';' or '\n' or '"' or '\u201c' or '(' or '•' or '-' && (c != '-' || i + 1 < text.Length && text[i + 1] == ' '))
                sentenceStart = true;
        }
    }
}
