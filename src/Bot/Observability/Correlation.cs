using System.Collections;

namespace IomAssistant.Bot.Observability;

/// <summary>
/// The correlation id of one request and of the work it causes, as a logging scope. It starts
/// as a generated id and adopts the channel's own id (Teams activity id, Slack event_id) once
/// the request is authenticated, so a log search by that id finds everything it caused. Scope
/// state is read when a line is written, so lines logged after the switch carry the new id.
/// </summary>
public sealed class Correlation : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Header = "X-Correlation-Id";
    private const int MaxLength = 128;

    private static readonly AsyncLocal<Correlation?> CurrentFlow = new();

    public Correlation(string? id = null) => Id = id is not null && IsUsable(id) ? id : NewId();

    public string Id { get; private set; }

    /// <summary>The correlation of the request (or queued work) running on this flow.</summary>
    public static Correlation? Current => CurrentFlow.Value;

    public static Correlation? Of(HttpContext context) => context.Features.Get<Correlation>();

    /// <summary>Takes the channel's id for the rest of the request, when it is usable in a header and a log.</summary>
    public void Adopt(string? channelId)
    {
        if (channelId is not null && IsUsable(channelId))
            Id = channelId;
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Ids come from senders: only short printable ASCII goes into headers and logs.</summary>
    private static bool IsUsable(string id) => id.Length is > 0 and <= MaxLength && id.All(c => c is > ' ' and < '\u007f');

    internal static IApplicationBuilder UseCorrelation(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var correlation = new Correlation();
        context.Features.Set(correlation);
        CurrentFlow.Value = correlation;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = correlation.Id;
            return Task.CompletedTask;
        });
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Correlation");
        using (logger.BeginScope(correlation))
            await next(context);
    });

    /// <summary>Runs queued work under the correlation of the request that queued it.</summary>
    public static IDisposable? BeginScope(ILogger logger, string? id)
    {
        var correlation = new Correlation(id);
        CurrentFlow.Value = correlation;
        return logger.BeginScope(correlation);
    }

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new("CorrelationId", Id) : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => 1;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"CorrelationId:{Id}";
}
