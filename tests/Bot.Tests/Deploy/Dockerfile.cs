using System.Text.RegularExpressions;

namespace IomAssistant.Bot.Tests.Deploy;

/// <summary>One instruction of a Dockerfile: its keyword and the rest of its (joined) lines.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>Reads a Dockerfile into instructions and stages, the way the builder splits them.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<DockerInstruction>> stages) => Stages = stages;

    /// <summary>Each stage's instructions, its FROM first.</summary>
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages { get; }

    public IReadOnlyList<DockerInstruction> FinalStage => Stages[^1];

    public static Dockerfile Read(string path)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var rawLine in File.ReadAllLines(path))
        {
            var line = rawLine.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var whole = (pending + line).Trim();
            pending = "";
            var split = whole.IndexOf(' ');
            instructions.Add(new DockerInstruction(whole[..split].ToUpperInvariant(), whole[(split + 1)..].Trim()));
        }

        var stages = new List<IReadOnlyList<DockerInstruction>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
                stages.Add(new List<DockerInstruction>());
            ((List<DockerInstruction>)stages[^1]).Add(instruction);
        }
        return new Dockerfile(stages);
    }

    /// <summary>ENV assignments of a stage (KEY=value pairs; an empty value is allowed).</summary>
    public static IReadOnlyDictionary<string, string> Environment(IEnumerable<DockerInstruction> stage) =>
        stage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => Regex.Matches(i.Arguments, @"(\w+)=(\S*)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)))
            .ToDictionary(p => p.Item1, p => p.Item2);
}

/// <summary>Which paths of the build context a .dockerignore lets through (last matching pattern wins, as in Docker).</summary>
public sealed class DockerIgnore(IReadOnlyList<(Regex Pattern, bool Include)> rules)
{
    public static DockerIgnore Read(string path) => new(File.ReadAllLines(path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), true) : (ToRegex(l), false))
        .ToList());

    /// <summary>True when the file reaches the build: a path is excluded when it or one of its folders is.</summary>
    public bool Sends(string relativePath)
    {
        var parts = relativePath.Trim('/').Split('/');
        var prefixes = Enumerable.Range(1, parts.Length).Select(n => string.Join('/', parts.Take(n))).ToList();
        var sent = true;
        foreach (var (pattern, include) in rules)
            if (prefixes.Any(pattern.IsMatch))
                sent = include;
        return sent;
    }

    private static Regex ToRegex(string pattern)
    {
        var body = Regex.Escape(pattern.Trim('/'))
            .Replace(@"\*\*/", "(.*/)?")
            .Replace(@"\*", "[^/]*")
            .Replace(@"\?", "[^/]");
        return new Regex("^" + body + "$");
    }
}
