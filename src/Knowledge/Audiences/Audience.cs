using System.Text.RegularExpressions;

namespace IomAssistant.Knowledge.Audiences;

/// <summary>
/// Who may read a document, and who is asking. Every document belongs to one or more
/// audiences ("everyone" unless marked otherwise); every asker is in "everyone" and in the
/// audiences their channel grants. An asker sees a document when they share an audience.
/// </summary>
public static partial class Audience
{
    public const string Everyone = "everyone";

    /// <summary>What an anonymous asker is in: the public audience alone.</summary>
    public static readonly IReadOnlySet<string> Public = new HashSet<string>(StringComparer.Ordinal) { Everyone };

    /// <summary>An asker's audiences: the ones given, and always <see cref="Everyone"/>.</summary>
    public static IReadOnlySet<string> Of(IEnumerable<string>? names)
    {
        var set = new HashSet<string>(names ?? [], StringComparer.Ordinal) { Everyone };
        return set.Count == 1 ? Public : set;
    }

    /// <summary>The same audiences always give the same key: what caches and conversation memory are keyed by.</summary>
    public static string Key(IReadOnlySet<string> audiences) =>
        string.Join(",", audiences.Order(StringComparer.Ordinal));

    /// <summary>May an asker in <paramref name="asker"/> read a document of <paramref name="document"/>?</summary>
    public static bool CanSee(IReadOnlySet<string> asker, IReadOnlySet<string> document) =>
        document.Contains(Everyone) || document.Overlaps(asker);

    /// <summary>An audience is named in lower case letters, digits, '-' and '_' ("staff", "hr-team").</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 64 } && NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
