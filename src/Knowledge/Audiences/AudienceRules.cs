using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IomAssistant.Knowledge.Audiences;

/// <summary>The <c>audiences.yaml</c> file: which documents, by path, belong to which audiences.</summary>
public sealed class AudiencesFile
{
    public List<AudienceRule> Audiences { get; set; } = [];
}

/// <summary>One rule: a glob over paths relative to the knowledge folder, and the audiences of the documents it matches.</summary>
public sealed class AudienceRule
{
    public string Match { get; set; } = "";
    public List<string> Audiences { get; set; } = [];
}

/// <summary>
/// Decides each document's audiences: its own front matter when it has one, else the first
/// rule of <c>audiences.yaml</c> its path matches, else <see cref="Audience.Everyone"/>.
/// </summary>
public sealed class AudienceRules
{
    public const string FileName = "audiences.yaml";

    public static readonly AudienceRules None = new([]);

    private static readonly IDeserializer FrontMatterYaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private readonly IReadOnlyList<(Regex Pattern, IReadOnlySet<string> Audiences)> _rules;

    public AudienceRules(IEnumerable<AudienceRule> rules)
    {
        _rules = rules.Select(r => (Glob(r.Match), (IReadOnlySet<string>)r.Audiences.ToHashSet(StringComparer.Ordinal))).ToList();
    }

    public static bool IsAudiencesFile(string fileName) => fileName.Equals(FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The audiences of a document, by its name in the folder and the audiences its front matter gives (or null).</summary>
    public IReadOnlySet<string> For(string name, IReadOnlyList<string>? frontMatter)
    {
        if (frontMatter is not null)
            return frontMatter.ToHashSet(StringComparer.Ordinal);
        foreach (var (pattern, audiences) in _rules)
            if (pattern.IsMatch(name))
                return audiences;
        return Audience.Public;
    }

    /// <summary>Checks a read <c>audiences.yaml</c>, naming the rule that is wrong.</summary>
    public static void Validate(AudiencesFile file, string name)
    {
        if (file.Audiences is null)
            throw new KnowledgeException($"{name}: section 'audiences' is empty; give it rules or remove it");
        var errors = new List<string>();
        foreach (var (rule, i) in file.Audiences.Select((r, i) => (r, i + 1)))
        {
            if (rule is null || string.IsNullOrWhiteSpace(rule.Match))
                errors.Add($"{name}: rule #{i} has no 'match' (a glob such as \"internal/**\")");
            else if (rule.Audiences is null || rule.Audiences.Count == 0)
                errors.Add($"{name}: rule #{i} ('{rule.Match}') names no audiences");
            else
                errors.AddRange(rule.Audiences.Where(a => !Audience.IsValidName(a))
                    .Select(a => $"{name}: rule #{i} ('{rule.Match}'): '{a}' is not an audience name (lower case letters, digits, '-' and '_')"));
        }
        if (errors.Count > 0)
            throw new KnowledgeException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>
    /// Splits a Markdown document's YAML front matter (between two "---" lines at its start)
    /// from its text; returns the audiences it gives, or null when it gives none.
    /// </summary>
    public static IReadOnlyList<string>? ReadFrontMatter(string name, ref string markdown)
    {
        var text = markdown.StartsWith('\uFEFF') ? markdown[1..] : markdown;
        if (!text.StartsWith("---\n", StringComparison.Ordinal) && !text.StartsWith("---\r\n", StringComparison.Ordinal))
            return null;
        var end = Regex.Match(text, @"\r?\n---[ \t]*(\r?\n|$)", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!end.Success)
            return null;
        var yaml = text[(text.IndexOf('\n') + 1)..end.Index];
        markdown = text[(end.Index + end.Length)..];
        FrontMatter? front;
        try
        {
            front = FrontMatterYaml.Deserialize<FrontMatter>(yaml);
        }
        catch (YamlException e)
        {
            // Line numbers count from the file's first line, the opening "---".
            throw new KnowledgeException($"{name}, line {e.Start.Line + 1}: front matter: {e.Message.Split('\n')[0].Trim()}", e);
        }
        if (front?.Audiences is not { } audiences)
            return null;
        if (audiences.Count == 0 || audiences.Any(a => !Audience.IsValidName(a)))
            throw new KnowledgeException($"{name}: front matter 'audiences' must list audience names (lower case letters, digits, '-' and '_'), e.g. [staff]");
        return audiences;
    }

    private sealed class FrontMatter
    {
        public List<string>? Audiences { get; set; }
    }

    /// <summary>"**" is any run of folders, "*" any part of one name, "?" one character; case is ignored.</summary>
    private static Regex Glob(string glob)
    {
        glob = glob.StartsWith("./", StringComparison.Ordinal) ? glob[2..] : glob.TrimStart('/');
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*') pattern.Append("[^/]*");
            else if (c == '?') pattern.Append("[^/]");
            else pattern.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
