using IomAssistant.Knowledge.Audiences;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// One entry of <c>Slack:Audiences</c>: the channels (ids such as C0123ABCD, or "*" for every
/// channel and direct message) of a workspace (any workspace when <see cref="Team"/> is empty)
/// whose askers are in <see cref="Audiences"/>.
/// </summary>
public sealed class SlackAudienceMapping
{
    public string Team { get; set; } = "";
    public List<string> Channels { get; set; } = [];
    public List<string> Audiences { get; set; } = [];
}

/// <summary>
/// Who asks in Slack, by workspace and channel: the audiences of every mapping that names
/// the place, and the public everywhere else. Team and channel come from signed requests
/// (or the authenticated Socket Mode connection), never from message text.
/// </summary>
public sealed class SlackAudiences(IOptions<SlackOptions> options)
{
    public const string AnyChannel = "*";

    public IReadOnlySet<string> Of(string team, string channel) =>
        Audience.Of(options.Value.Audiences
            .Where(m => (m.Team.Length == 0 || m.Team == team) && m.Channels.Any(c => c == AnyChannel || c == channel))
            .SelectMany(m => m.Audiences));

    /// <summary>What is wrong with the mappings, naming the entry; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<SlackAudienceMapping> mappings)
    {
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            if (m.Channels.Count == 0 || m.Channels.Any(string.IsNullOrWhiteSpace))
                yield return $"Slack:Audiences:{i}:Channels must list channel ids (e.g. C0123ABCD), or \"*\" for every channel of the workspace.";
            if (m.Audiences.Count == 0 || m.Audiences.Any(a => !Audience.IsValidName(a)))
                yield return $"Slack:Audiences:{i}:Audiences must list audience names (lower case letters, digits, '-' and '_'), e.g. staff.";
            if (m.Team.Length == 0 && m.Channels.Contains(AnyChannel))
                yield return $"Slack:Audiences:{i}: \"*\" (every channel) needs a Team, or every workspace's askers would be in {string.Join(", ", m.Audiences)}.";
        }
    }
}
