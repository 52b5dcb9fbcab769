using System.Reflection;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Extraction;

/// <summary>A country with its names in English, Spanish and Portuguese.</summary>
public sealed record Country(string Code, string English, string Spanish, string Portuguese)
{
    public IEnumerable<string> Names => new[] { English, Spanish, Portuguese }.Distinct();
}

/// <summary>
/// Every territory CLDR names (derived by tools/gazetteer from ICU's data): finds countries in
/// text by any of their names, in folded words, longest name first.
/// </summary>
public sealed class CountryGazetteer
{
    private const int MaxNameWords = 5;
    private readonly Dictionary<string, Country> _byFoldedName = new(StringComparer.Ordinal);
    // How many words the longest name starting with each word has: most words start none.
    private readonly Dictionary<string, int> _longestByFirstWord = new(StringComparer.Ordinal);

    public static CountryGazetteer Default { get; } = Read();

    private CountryGazetteer(IEnumerable<Country> countries)
    {
        foreach (var country in countries)
            foreach (var name in country.Names)
            {
                var tokens = TextFolding.Tokens(name);
                if (tokens.Count == 0 || !_byFoldedName.TryAdd(string.Join(' ', tokens), country))
                    continue;
                _longestByFirstWord[tokens[0]] = Math.Max(_longestByFirstWord.GetValueOrDefault(tokens[0]), tokens.Count);
            }
    }

    public Country? Named(string name) => _byFoldedName.GetValueOrDefault(string.Join(' ', TextFolding.Tokens(name)));

    /// <summary>
    /// The countries named in a run of words, each with the index of its first word and how many
    /// words it takes; a name must start with a capital in the text ("chile" the pepper is not Chile).
    /// </summary>
    public IEnumerable<(Country Country, int Start, int Length)> Find(IReadOnlyList<Word> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].Capitalized || !_longestByFirstWord.TryGetValue(words[i].Folded, out var longest))
                continue;
            for (var length = Math.Min(Math.Min(MaxNameWords, longest), words.Count - i); length >= 1; length--)
            {
                var key = Word.FoldedRun(words, i, length);
                if (_byFoldedName.TryGetValue(key, out var country) && words[i + length - 1].Capitalized)
                {
                    yield return (country, i, length);
                    i += length - 1;
                    break;
                }
            }
        }
    }

    private static CountryGazetteer Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("IomAssistant.Knowledge.Extraction.Data.countries.tsv")
                           ?? throw new InvalidOperationException("the country gazetteer is not embedded");
        using var reader = new StreamReader(stream);
        var countries = new List<Country>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
                continue;
            var cells = line.Split('\t');
            if (cells.Length == 4)
                countries.Add(new Country(cells[0], cells[1], cells[2], cells[3]));
        }
        return new CountryGazetteer(countries);
    }
}
