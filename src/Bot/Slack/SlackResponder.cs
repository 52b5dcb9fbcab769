using IomAssistant.Bot.Conversation;

namespace IomAssistant.Bot.Slack;

/// <summary>Where a Slack answer goes: a channel, optionally a thread in it.</summary>
public sealed record SlackPlace(string Team, string Channel, string? ThreadTs)
{
    /// <summary>One conversation per thread (or per DM), so follow-ups refer to what was just answered.</summary>
    public string ConversationKey => ThreadTs is null ? $"slack:{Team}:{Channel}" : $"slack:{Team}:{Channel}:{ThreadTs}";
}

/// <summary>Someone's private exchange with the slash command, answered through response_url.</summary>
public sealed record SlackPrivateReply(string Team, string Channel, string User, Uri ResponseUrl)
{
    public string ConversationKey => $"slack:{Team}:{Channel}:user:{User}";
}

/// <summary>
/// Does the work the endpoints accepted: asks the conversation core and posts the rendered
/// answer where it belongs. Runs on the background queue, never on Slack's request.
/// </summary>
public sealed class SlackResponder(
    ConversationService conversation,
    SlackWebApiClient slack,
    SlackAudiences audiences,
    ILogger<SlackResponder> logger)
{
    public const string Channel = "slack";

    public async Task AnswerInPlaceAsync(SlackPlace place, string question, CancellationToken cancellationToken)
    {
        var message = Compose(audiences.Of(place.Team, place.Channel), place.ConversationKey, question, offerShare: false);
        await slack.PostMessageAsync(place.Channel, place.ThreadTs, message, cancellationToken);
    }

    public async Task AnswerPrivatelyAsync(SlackPrivateReply to, string question, CancellationToken cancellationToken)
    {
        var message = Compose(audiences.Of(to.Team, to.Channel), to.ConversationKey, question, offerShare: true);
        await slack.RespondAsync(to.ResponseUrl, message, inChannel: false, cancellationToken);
    }

    /// <summary>Posts the answer for everyone in the channel and removes the private copy.</summary>
    public async Task ShareAsync(SlackPrivateReply from, string question, CancellationToken cancellationToken)
    {
        var message = Compose(audiences.Of(from.Team, from.Channel), from.ConversationKey, question, offerShare: false);
        if (await slack.RespondAsync(from.ResponseUrl, message, inChannel: true, cancellationToken))
            await slack.DeleteOriginalAsync(from.ResponseUrl, cancellationToken);
    }

    public void RecordFeedback(FeedbackValue value, bool helpful) =>
        conversation.RecordFeedback(Channel, value.Title, value.Question, helpful);

    public async Task ThankPrivatelyAsync(SlackPrivateReply to, string language, CancellationToken cancellationToken) =>
        await slack.RespondAsync(to.ResponseUrl, BlockKitRenderer.Notice(UiText.For(language).ThanksForFeedback), inChannel: false, cancellationToken);

    /// <summary>The sentences around answers, with the knowledge's own welcome, help and examples.</summary>
    public UiText TextFor(string language) => conversation.TextFor(language);

    public async Task ThankInPlaceAsync(SlackPlace place, string user, string language, CancellationToken cancellationToken) =>
        await slack.PostEphemeralAsync(place.Channel, user, place.ThreadTs, BlockKitRenderer.Notice(UiText.For(language).ThanksForFeedback), cancellationToken);

    /// <summary>Help for an empty or "help" question, the answer otherwise; never throws.</summary>
    /// <param name="askers">The audiences of the place the answer is shown in: a shared answer is read by the whole channel.</param>
    private SlackMessage Compose(IReadOnlySet<string> askers, string conversationKey, string question, bool offerShare)
    {
        if (SlackHelp.Language(question) is { } helpLanguage)
            return BlockKitRenderer.Help(conversation.TextFor(helpLanguage));
        if (question.Length > ConversationService.MaxQuestionLength)
            return BlockKitRenderer.Notice(UiText.English.QuestionTooLong);
        try
        {
            var reply = conversation.AskInConversation(Channel, askers, conversationKey, question);
            return BlockKitRenderer.Render(reply, new AnswerActions(question, offerShare));
        }
        catch (Exception error)
        {
            logger.LogError(error, "Answering a Slack question failed");
            return BlockKitRenderer.Notice(UiText.English.SomethingWentWrong);
        }
    }
}

/// <summary>Recognises a request for help: nothing asked, or "help" in one of the supported languages.</summary>
public static class SlackHelp
{
    /// <summary>The language to show help in, or null when the text is a real question.</summary>
    public static string? Language(string question) => question.Trim().TrimEnd('?', '!', '.').ToLowerInvariant() switch
    {
        "" or "help" => "en",
        "ayuda" => "es",
        "ajuda" => "pt",
        _ => null,
    };
}
