using System.Collections;

namespace IomAssistant.Knowledge.Text;

/// <summary>A read-only window on a shared array of words: the word tables keep one array each, not a list per entry.</summary>
internal sealed class WordSlice(string[] items, int start, int count) : IReadOnlyList<string>
{
    public string this[int index] => (uint)index < (uint)count ? items[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => count;

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
            yield return items[start + i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
