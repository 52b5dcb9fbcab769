using System.Text.Json;
using Microsoft.Extensions.Options;
using IomAssistant.Bot.Api;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Observability;
using IomAssistant.Bot.Protection;
using IomAssistant.Bot.Teams.Auth;
using IomAssistant.Bot.Teams.Connector;
using IomAssistant.Bot.Teams.Protocol;

namespace IomAssistant.Bot.Teams;

/// <summary>
/// What /api/messages hands each request to: authenticate it (as the endpoint's gate, before the
/// per-user rate limit), run the turn, deliver the replies. The Microsoft 365 Agents SDK's
/// CloudAdapter could implement this instead of <see cref="BotFrameworkAdapter"/> without
/// touching the conversation core.
/// </summary>
public interface IBotChannelAdapter : IRequestGate
{
    Task ProcessAsync(HttpContext context);
}

/// <summary>An activity that passed authentication, kept on the request for the turn.</summary>
public sealed record AdmittedActivity(Activity Activity);

/// <summary>The Bot Framework Activity protocol, implemented on ASP.NET Core.</summary>
public sealed class BotFrameworkAdapter(
    ChannelTokenValidator tokenValidator,
    TrustedServiceUrls trustedServiceUrls,
    TeamsActivityHandler handler,
    ConnectorClient connector,
    FailedAuthentications failures,
    IOptions<BotOptions> options,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<BotFrameworkAdapter> logger) : IBotChannelAdapter
{
    /// <summary>The channel gives a bot 15 s; past this the request is acknowledged and the reply follows on its own.</summary>
    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(10);
    private const string ExpectReplies = "expectReplies";

    private readonly ChannelAuthMode _mode = ChannelAuthModes.For(options.Value, environment);

    public async Task<GateResult> AdmitAsync(HttpContext context)
    {
        var request = context.Request;
        if (failures.RefusalFor(context) is { } tooMany)
        {
            logger.LogWarning("Refused a Bot Framework request with 429: too many failed authentications from its address");
            return GateResult.Refuse(tooMany);
        }
        if (_mode == ChannelAuthMode.Closed)
        {
            logger.LogWarning("Refused a Bot Framework request: Bot:MicrosoftAppId is not set");
            return Unauthenticated(context);
        }

        ValidatedChannelToken? token = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0 || _mode == ChannelAuthMode.Authenticated)
        {
            var check = authorization.Length == 0
                ? TokenCheck.Fail("the request has no Authorization header")
                : await tokenValidator.ValidateAsync(authorization, context.RequestAborted);
            if (check.Token is null)
            {
                logger.LogWarning("Refused a Bot Framework request: {Failure}", check.Failure);
                return Unauthenticated(context);
            }
            token = check.Token;
        }

        var read = await RequestBody.ReadAsync(context);
        if (read.Body is not { } body)
        {
            logger.LogInformation("Refused a Bot Framework request whose body could not be read ({Status})", read.Status);
            return Refuse(read.Status);
        }
        Activity? activity;
        try
        {
            StrictJson.Validate(body);
            activity = JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            logger.LogInformation("Rejected a Bot Framework request whose body is not an activity");
            return Refuse(StatusCodes.Status400BadRequest);
        }
        if (TooLong(activity) is { } tooLong)
        {
            logger.LogInformation("Rejected a Bot Framework activity: {Reason}", tooLong);
            return GateResult.Refuse(TypedResults.BadRequest(new ApiError(tooLong)));
        }

        if (token is not null)
        {
            if (TokenCheckFailure(token, activity) is { } failure)
            {
                logger.LogWarning("Refused a Bot Framework request: {Failure}", failure);
                return Unauthenticated(context);
            }
            trustedServiceUrls.Trust(activity.ServiceUrl!);
        }

        context.Features.Set(new AdmittedActivity(activity));
        Correlation.Of(context)?.Adopt(activity.Id);
        // Limits count per person; a conversation stands in when the channel names no sender.
        var caller = activity.From?.AadObjectId is { Length: > 0 } aad ? aad
            : activity.From?.Id is { Length: > 0 } from ? from
            : activity.Conversation?.Id ?? "";
        return GateResult.Admit($"{TeamsActivityHandler.Channel}:{Bounded(caller)}");
    }

    public async Task ProcessAsync(HttpContext context)
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        if (context.Features.Get<AdmittedActivity>() is not { Activity: var activity })
        {
            var admission = await AdmitAsync(context);
            if (admission.Refusal is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            activity = context.Features.Get<AdmittedActivity>()!.Activity;
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invoke = Run(activity).Invoke ?? new InvokeResponse(StatusCodes.Status200OK, null);
            response.StatusCode = invoke.Status;
            if (invoke.Body is not null)
                await response.WriteAsJsonAsync(invoke.Body, ActivityJson.Options, cancellationToken);
            return;
        }

        if (activity.DeliveryMode == ExpectReplies)
        {
            await response.WriteAsJsonAsync(new ExpectedReplies(Run(activity).Replies), ActivityJson.Options, cancellationToken);
            return;
        }

        // The turn runs detached from the request so a slow answer is still delivered after the acknowledgement.
        var turn = Task.Run(() => RunAndDeliverAsync(activity, lifetime.ApplicationStopping), CancellationToken.None);
        var finished = await Task.WhenAny(turn, Task.Delay(AnswerDeadline, cancellationToken)) == turn;
        response.StatusCode = finished ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
    }

    private static GateResult Refuse(int status) => GateResult.Refuse(Results.StatusCode(status));

    /// <summary>A 401, counted against the client's address.</summary>
    private GateResult Unauthenticated(HttpContext context)
    {
        failures.Count(context);
        return Refuse(StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Protocol fields beyond what the channel ever sends. The message text is not among them:
    /// a long question is answered with a message saying how long it may be.
    /// </summary>
    private static string? TooLong(Activity activity) => TextLimits.FirstTooLong(
        ("id", activity.Id, TextLimits.ChannelId),
        ("serviceUrl", activity.ServiceUrl, TextLimits.ChannelId),
        ("channelId", activity.ChannelId, TextLimits.ChannelId),
        ("conversation.id", activity.Conversation?.Id, TextLimits.ChannelId),
        ("from.id", activity.From?.Id, TextLimits.ChannelId),
        ("from.aadObjectId", activity.From?.AadObjectId, TextLimits.ChannelId),
        ("recipient.id", activity.Recipient?.Id, TextLimits.ChannelId),
        ("name", activity.Name, TextLimits.ChannelId),
        ("locale", activity.Locale, TextLimits.Locale));

    /// <summary>Ids are the sender's to choose; a bounded key keeps the limiter's table small.</summary>
    private static string Bounded(string id) => id.Length <= 200 ? id : id[..200];

    private static string? TokenCheckFailure(ValidatedChannelToken token, Activity activity) =>
        string.IsNullOrEmpty(activity.ServiceUrl)
            ? "the activity has no serviceUrl"
            : ChannelTokenValidator.CheckActivity(token, activity);

    private TurnResult Run(Activity activity)
    {
        try
        {
            return handler.Handle(activity);
        }
        catch (Exception ex)
        {
            // A failed turn must not turn into a 500 that the channel would retry.
            logger.LogError(ex, "Handling a {Type} activity failed", activity.Type);
            return TurnResult.Nothing;
        }
    }

    private async Task RunAndDeliverAsync(Activity activity, CancellationToken cancellationToken)
    {
        foreach (var reply in Run(activity).Replies)
        {
            try
            {
                await connector.SendAsync(reply, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
            {
                logger.LogError("Could not deliver a reply to the Connector: {Reason}", ex.Message);
                return;
            }
        }
    }
}
