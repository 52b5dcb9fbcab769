namespace IomAssistant.Knowledge.Text;

/// <summary>
/// The folded form of each plain ASCII word read so far, kept by how it was written: a text
/// that says a word again gets the same string back and allocates nothing. Its memory grows
/// with the distinct words of what it reads: drop it once that text is counted.
/// </summary>
public sealed class FoldedWords
{
    private readonly Dictionary<string, string> _byWritten = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FoldedWords() => _lookup = _byWritten.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="written">Plain ASCII letters and digits.</param>
    public string Of(ReadOnlySpan<char> written)
    {
        if (_lookup.TryGetValue(written, out var folded))
            return folded;
        var text = written.ToString();
        folded = TextFolding.Fold(text);
        _byWritten[text] = folded;
        return folded;
    }
}
