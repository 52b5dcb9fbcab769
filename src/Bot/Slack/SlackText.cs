using System.Text;
using System.Text.RegularExpressions;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// Text crossing the Slack boundary. Slack reads &amp;, &lt; and &gt; as markup (mentions,
/// broadcasts, links), so text we did not write is escaped before it is sent, and Slack's
/// markup in incoming messages is turned back into plain words before it is asked.
/// </summary>
public static partial class SlackText
{
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    public static string Unescape(string text) => text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");

    /// <summary>
    /// Escapes and then shortens to at most <paramref name="max"/> characters without cutting an
    /// escape sequence in half, marking the cut with an ellipsis.
    /// </summary>
    public static string EscapeWithin(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max)
            return escaped;
        var cut = max - 1;
        var entityStart = escaped.LastIndexOf('&', cut - 1);
        if (entityStart >= 0 && escaped.IndexOf(';', entityStart) >= cut)
            cut = entityStart;
        if (cut > 0 && char.IsHighSurrogate(escaped[cut - 1]))
            cut--;
        return escaped[..cut] + "…";
    }

    /// <summary>
    /// Turns a message as Slack delivers it into the question the user typed: the bot's mention
    /// removed, other mentions and links reduced to their visible words, entities decoded.
    /// </summary>
    public static string ToPlainQuestion(string slackText, string? botUserId)
    {
        var withoutBot = string.IsNullOrEmpty(botUserId)
            ? LeadingMention().Replace(slackText, "")
            : slackText.Replace($"<@{botUserId}>", " ", StringComparison.Ordinal);
        var plain = Markup().Replace(withoutBot, match =>
        {
            var inner = match.Groups[1].Value;
            var bar = inner.IndexOf('|');
            if (bar >= 0)
                return inner[(bar + 1)..];
            return inner switch
            {
                ['@', ..] or ['#', ..] => inner,
                // Broadcasts become a bare word, so nothing we echo can notify a channel.
                ['!', .. var rest] => rest.Split('^')[0],
                _ => inner,
            };
        });
        return Unescape(plain).Trim();
    }

    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"<([^<>]*)>")]
    private static partial Regex Markup();
}
