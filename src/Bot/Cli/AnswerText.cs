using System.Text;
using IomAssistant.Bot.Conversation;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Cli;

/// <summary>An answer as readable plain text, for the terminal.</summary>
public static class AnswerText
{
    public static string Render(AskResult result)
    {
        var ui = UiText.For(result.Language);
        var sb = new StringBuilder();
        if (result.Answer is not { } answer)
        {
            sb.AppendLine(ui.NoAnswer);
        }
        else
        {
            sb.AppendLine($"{answer.Title}  [{answer.Kind}]");
            if (answer.Text.Length > 0)
                sb.AppendLine(answer.Text);
            foreach (var fact in answer.Facts)
                sb.AppendLine(fact.Document.Length > 0 && fact.Document != answer.Source.Document
                    ? $"  {fact.Label}: {fact.Value}  ({fact.Document})"
                    : $"  {fact.Label}: {fact.Value}");
            sb.AppendLine($"{ui.Source}: {answer.Source.Document}, \"{answer.Source.Section}\"");
        }
        if (result.Suggestions.Count > 0)
        {
            sb.AppendLine($"{ui.YouCouldAsk}:");
            foreach (var s in result.Suggestions)
                sb.AppendLine($"  - {s}");
        }
        return sb.ToString();
    }
}
