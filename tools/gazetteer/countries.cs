// Derives src/Knowledge/Extraction/Data/countries.tsv from the CLDR territory names that ICU
// ships, as .NET's globalization reads them: run with `dotnet run countries.cs` from this folder
// (needs ICU; invariant globalization off, as by default on Linux).
using System.Globalization;
using System.Text;

var languages = new[] { "en", "es", "pt" };
var codes = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
    .Select(c => (Culture: c, Region: TryRegion(c.Name)))
    .Where(x => x.Region is { TwoLetterISORegionName.Length: 2 } r && char.IsLetter(r.TwoLetterISORegionName[0]))
    .GroupBy(x => x.Region!.TwoLetterISORegionName)
    .OrderBy(g => g.Key, StringComparer.Ordinal);

var lines = new StringBuilder("# code\ten\tes\tpt (CLDR territory names through ICU; see tools/gazetteer/README.md)\n");
foreach (var group in codes)
{
    // The culture's display name in a language ends with the territory's name in it: "español (Perú)".
    var culture = group.First().Culture;
    var names = languages.Select(language =>
    {
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        var display = culture.DisplayName;
        var open = display.LastIndexOf('(');
        var inside = open < 0 ? group.First().Region!.EnglishName : display[(open + 1)..].TrimEnd(')');
        // "Cyrillic, Serbia": the script comes first, the territory last.
        return inside.Split(", ")[^1].Trim();
    }).ToList();
    if (names.Any(n => n.Length == 0 || n.Any(char.IsDigit)))
        continue;
    lines.Append(group.Key).Append('\t').AppendJoin('\t', names).Append('\n');
}
var target = Path.Combine("..", "..", "src", "Knowledge", "Extraction", "Data", "countries.tsv");
File.WriteAllText(target, lines.ToString());
Console.WriteLine($"{codes.Count()} territories written to {target}");

static RegionInfo? TryRegion(string name)
{
    try { return new RegionInfo(name); }
    catch (ArgumentException) { return null; }
}
