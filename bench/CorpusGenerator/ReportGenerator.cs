using System.Text;

namespace IomAssistant.CorpusGenerator;

public sealed record Report(string Text, IReadOnlyList<string> Questions);

/// <summary>
/// Field reports in English as a PDF export gives them: lines broken at a fixed width, words
/// hyphenated across lines, headings glued to the next line, figures on their own lines with
/// their label, columns of names, a blank line now and then inside a sentence. Seeded: the
/// same seed gives the same corpus, byte for byte.
/// </summary>
public sealed class ReportGenerator(int seed)
{
    private static readonly string[] Countries = ["Argentina", "Bolivia", "Brazil", "Chile", "Colombia", "Ecuador", "Guyana", "Paraguay", "Peru", "Suriname", "Uruguay", "Venezuela"];
    private static readonly string[] Cities = ["Buenos Aires", "La Paz", "Brasilia", "Santiago", "Bogota", "Quito", "Georgetown", "Asuncion", "Lima", "Paramaribo", "Montevideo", "Caracas", "Cucuta", "Manaus", "Iquique", "Tumbes", "Boa Vista", "Arica", "Salta", "Cochabamba"];
    private static readonly string[] Topics = ["labour migration", "border management", "migrant protection", "climate mobility", "emergency response", "health and migration", "counter-trafficking", "assisted voluntary return", "data and research", "community stabilization", "integration of refugees", "disaster risk reduction"];
    private static readonly string[] Partners = ["the Ministry of Labour", "the national migration authority", "local governments", "civil society organizations", "the Ministry of Health", "municipal authorities", "academic institutions", "the private sector", "United Nations agencies", "faith-based organizations"];
    private static readonly string[] Verbs = ["supports", "coordinates", "strengthens", "monitors", "implements", "evaluates", "expands", "promotes", "finances", "documents"];
    private static readonly string[] Objects = ["shelter capacity", "cash-based interventions", "vocational training", "information campaigns", "registration procedures", "psychosocial support", "mobile health clinics", "legal orientation", "livelihood programmes", "data collection on displacement", "inter-agency coordination", "capacity building for officials"];
    private static readonly string[] Qualifiers = ["in coordination with", "together with", "with funding from", "at the request of", "in partnership with"];
    private static readonly string[] Outcomes = ["reduced waiting times at border crossings", "improved access to health services", "more migrants registered in national systems", "stronger referral mechanisms", "better information for decision makers", "safer routes for vulnerable groups", "new employment opportunities for returnees", "faster response after floods and landslides"];
    private static readonly string[] FigureLabels = ["Staff", "Projects", "Beneficiaries", "Partners", "Municipalities", "Training sessions", "Shelters", "Missions"];
    private static readonly string[] Syllables = ["ma", "ri", "so", "la", "te", "nu", "ca", "vo", "pe", "di", "ra", "lo", "mi", "sa", "ti", "qu", "an", "el", "or", "un"];
    private static readonly string[] FirstNames = ["Ana", "Carlos", "Maria", "Jorge", "Lucia", "Pedro", "Sofia", "Diego", "Camila", "Andres", "Valentina", "Mateo"];
    private static readonly string[] LastNames = ["Gomez", "Silva", "Rodriguez", "Fernandes", "Lopez", "Martinez", "Pereira", "Castro", "Rojas", "Vargas", "Mendoza", "Santos"];

    private const int LineWidth = 62;
    private readonly Random _random = new(seed);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    /// <summary>A made-up programme name ("Tesorila"), so the vocabulary grows with the corpus as real reports' does.</summary>
    private string ProgrammeName()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 3 + _random.Next(2); i++) sb.Append(Pick(Syllables));
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    public Report Next(int number)
    {
        var country = Pick(Countries);
        var city = Pick(Cities);
        var programme = ProgrammeName();
        var coordinator = $"{Pick(FirstNames)} {Pick(LastNames)}";
        var year = 2005 + _random.Next(20);
        var text = new StringBuilder();
        var questions = new List<string>();

        // Title and summary, the title glued to the first line of text as exports often do.
        text.Append($"{programme} Programme in {city}, {country}\n");
        AppendWrapped(text, $"The {programme} programme was launched in {year} by the IOM mission in {country} and is coordinated by {coordinator}. It {Pick(Verbs)} {Pick(Objects)} {Pick(Qualifiers)} {Pick(Partners)}.");
        questions.Add($"Who coordinates the {programme} programme?");
        questions.Add($"When was the {programme} programme launched in {country}?");

        text.Append('\n');
        foreach (var label in FigureLabels.OrderBy(_ => _random.Next()).Take(3))
            text.Append($"{(label == "Beneficiaries" ? _random.Next(1000, 90000) : _random.Next(3, 600))} {label}\n\n");

        for (var section = 0; section < 5 + _random.Next(2); section++)
        {
            var topic = Pick(Topics);
            var heading = char.ToUpperInvariant(topic[0]) + topic[1..];
            // Half the headings sit on their own line, half are glued to their paragraph.
            text.Append(heading).Append(_random.Next(2) == 0 ? "\n\n" : "\n");
            for (var paragraph = 0; paragraph < 1 + _random.Next(2); paragraph++)
            {
                var sentences = new List<string>();
                for (var s = 0; s < 3 + _random.Next(3); s++)
                    sentences.Add(Sentence(programme, city, country, topic));
                AppendWrapped(text, string.Join(" ", sentences));
                text.Append('\n');
            }
            if (_random.Next(4) == 0)
            {
                // A column of names, as a list or a table exports.
                foreach (var c in Cities.OrderBy(_ => _random.Next()).Take(4 + _random.Next(4)))
                    text.Append(c).Append('\n');
                text.Append('\n');
            }
            questions.Add($"What does the {programme} programme do about {topic} in {city}?");
        }
        questions.Add($"How many beneficiaries does the {programme} programme reach?");
        return new Report(text.ToString(), questions);
    }

    private string Sentence(string programme, string city, string country, string topic) => _random.Next(5) switch
    {
        0 => $"In {city}, the programme {Pick(Verbs)} {Pick(Objects)} {Pick(Qualifiers)} {Pick(Partners)}, which contributed to {Pick(Outcomes)}.",
        1 => $"Work on {topic} {Pick(Verbs)} {Pick(Objects)} across {country}, with particular attention to women, children and indigenous communities.",
        2 => $"Since {2005 + _random.Next(20)}, {programme} has {Pick(["trained", "assisted", "registered", "referred"])} {_random.Next(50, 9000)} people and {Pick(Verbs)} {Pick(Objects)}.",
        3 => $"An evaluation concerning {topic} found {Pick(Outcomes)} and recommended further investment in {Pick(Objects)}.",
        _ => $"The mission {Pick(Verbs)} {Pick(Objects)} {Pick(Qualifiers)} {Pick(Partners)} in {Pick(Cities)} and neighbouring municipalities.",
    };

    /// <summary>Breaks a paragraph into export lines: trailing spaces, hyphenated words, now and then a blank line mid-sentence.</summary>
    private void AppendWrapped(StringBuilder text, string paragraph)
    {
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' '))
        {
            if (line.Length + word.Length + 1 > LineWidth)
            {
                var room = LineWidth - line.Length - 2;
                if (word.Length >= 8 && room >= 3 && room <= word.Length - 3 && word.All(char.IsLetter))
                {
                    // "concer-\nning": the export splits a long word at the margin.
                    line.Append(' ').Append(word[..room]).Append('-');
                    text.Append(line).Append('\n');
                    line.Clear().Append(word[room..]);
                    continue;
                }
                text.Append(line).Append(' ').Append(_random.Next(12) == 0 ? "\n \n" : "\n");
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        text.Append(line).Append('\n');
    }
}
