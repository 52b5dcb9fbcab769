using System.IO.Compression;
namespace IomAssistant.Knowledge.Translation;
public sealed class BilingualDictionary
{
    private readonly Dictionary<string, Dictionary<string, string[]>> _t = new();
    public static BilingualDictionary Shared { get; } = Make();
    private static BilingualDictionary Make()
    {
        var d = new BilingualDictionary();
        foreach (var lang in new[] { "es", "pt" })
        {
            var map = new Dictionary<string, string[]>();
            var path = Environment.GetEnvironmentVariable("T_DICT_" + lang.ToUpperInvariant());
            if (path is not null && File.Exists(path))
            {
                using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
                using var r = new StreamReader(gz);
                string? line;
                while ((line = r.ReadLine()) != null)
                {
                    var parts = line.Split('\t');
                    if (parts.Length >= 2) map[parts[0]] = parts[1..];
                }
            }
            d._t[lang] = map;
        }
        return d;
    }
    public IReadOnlyList<string> Translate(string language, string foldedWord) =>
        _t.TryGetValue(language, out var m) && m.TryGetValue(foldedWord, out var v) ? v : [];
    public bool Knows(string language, string foldedWord) => _t.TryGetValue(language, out var m) && m.ContainsKey(foldedWord);
}
