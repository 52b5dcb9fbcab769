using System.Diagnostics.Metrics;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Observability;

/// <summary>
/// The assistant's own metrics (exported on /metrics): questions by channel, outcome and card
/// kind, how long the engine takes, and calls to Teams and Slack that failed.
/// </summary>
public sealed class AssistantMetrics
{
    public const string MeterName = "IomAssistant.Bot";

    private readonly Counter<long> _questions;
    private readonly Histogram<double> _engineDuration;
    private readonly Counter<long> _outboundFailures;
    private readonly Counter<long> _feedback;

    public AssistantMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _questions = meter.CreateCounter<long>("assistant.questions", "{question}", "Questions asked, by channel, outcome (answered, unanswered) and card kind.");
        _engineDuration = meter.CreateHistogram<double>("assistant.engine.duration", "s", "Time the answer engine took for one question.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _outboundFailures = meter.CreateCounter<long>("assistant.outbound.failures", "{call}", "Calls to Teams or Slack that failed, by target and reason.");
        _feedback = meter.CreateCounter<long>("assistant.feedback", "{vote}", "Feedback on answers, by channel and whether it was helpful.");
    }

    public void Question(string channel, Answer? answer, TimeSpan engineTime)
    {
        var outcome = answer is null ? "unanswered" : "answered";
        _questions.Add(1, new("channel", channel), new("outcome", outcome), new("kind", answer?.Kind ?? "none"));
        _engineDuration.Record(engineTime.TotalSeconds, new KeyValuePair<string, object?>("channel", channel), new("outcome", outcome));
    }

    /// <param name="target">teams.connector, teams.token, teams.openid, slack.web_api, slack.response_url.</param>
    /// <param name="reason">http_STATUS, refused (Slack's ok:false), unreachable, timeout, invalid_response.</param>
    public void OutboundFailure(string target, string reason) =>
        _outboundFailures.Add(1, new KeyValuePair<string, object?>("target", target), new("reason", reason));

    public void Feedback(string channel, bool helpful) =>
        _feedback.Add(1, new KeyValuePair<string, object?>("channel", channel), new("helpful", helpful));

    /// <summary>The reason label of a failed outbound call's exception.</summary>
    public static string ReasonOf(Exception error) => error switch
    {
        HttpRequestException { StatusCode: { } status } => $"http_{(int)status}",
        TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException => "timeout",
        HttpRequestException => "unreachable",
        _ => "invalid_response",
    };
}
