namespace IomAssistant.Bot.Protection;

/// <summary>
/// Who sent a request, as the endpoint's own authentication established it: a Teams user or
/// conversation, a Slack user. Rate limits are counted per caller.
/// </summary>
public sealed record Caller(string Partition);

/// <summary>A request let through (with its caller) or the answer that refuses it.</summary>
public sealed record GateResult(Caller? Caller, IResult? Refusal)
{
    public static GateResult Admit(string partition) => new(new Caller(partition), null);

    public static GateResult Refuse(IResult refusal) => new(null, refusal);
}

/// <summary>
/// Reads, authenticates and identifies a request before the rate limiter runs, so channel
/// traffic (which all arrives from a few addresses of Microsoft and Slack) is limited per user,
/// and a refused request never spends a permit. The endpoint then uses what the gate read.
/// </summary>
public interface IRequestGate
{
    Task<GateResult> AdmitAsync(HttpContext context);
}

/// <summary>Endpoint metadata naming the service that gates it.</summary>
public sealed record RequestGateMetadata(Type GateType);

public static class RequestGates
{
    /// <summary>Gates the endpoint with the registered service of type <paramref name="gateType"/> (an <see cref="IRequestGate"/>).</summary>
    public static TBuilder WithRequestGate<TBuilder>(this TBuilder builder, Type gateType) where TBuilder : IEndpointConventionBuilder =>
        typeof(IRequestGate).IsAssignableFrom(gateType)
            ? builder.WithMetadata(new RequestGateMetadata(gateType))
            : throw new ArgumentException($"{gateType} is not an {nameof(IRequestGate)}", nameof(gateType));

    /// <summary>Runs the endpoint's gate, if it has one; must come after routing and before the rate limiter.</summary>
    public static IApplicationBuilder UseRequestGates(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequestGateMetadata>() is { } metadata)
        {
            var gate = (IRequestGate)context.RequestServices.GetRequiredService(metadata.GateType);
            var result = await gate.AdmitAsync(context);
            if (result.Refusal is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            context.Features.Set(result.Caller);
        }
        await next(context);
    });
}
