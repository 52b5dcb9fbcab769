using System.Net;
using System.Text.RegularExpressions;
using IomAssistant.Bot.Teams.Protocol;

namespace IomAssistant.Bot.Teams;

/// <summary>
/// The question inside a Teams message: the bot's own @mention (named by the mention entities)
/// removed, other mentions reduced to the name, HTML entities decoded, spaces collapsed.
/// </summary>
public static partial class MentionText
{
    public static string QuestionFrom(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var mention in activity.Entities ?? [])
        {
            if (mention is null || !string.Equals(mention.Type, "mention", StringComparison.OrdinalIgnoreCase) || botId is null || mention.Mentioned?.Id != botId)
                continue;
            var mentionText = !string.IsNullOrEmpty(mention.Text) ? mention.Text : $"<at>{mention.Mentioned.Name}</at>";
            text = text.Replace(mentionText, " ", StringComparison.OrdinalIgnoreCase);
        }
        text = OtherMention().Replace(text, "$1");
        return Whitespace().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex OtherMention();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
