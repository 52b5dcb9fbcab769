using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Slack;

/// <summary>The raw body of a request proven to come from Slack, or the answer to refuse it with.</summary>
public sealed record SlackRequest(byte[]? Body, IResult? Refusal);

/// <summary>
/// Gatekeeper of the three Slack endpoints: 404 while Slack is not configured, 413 for an
/// oversized body, 401 for anything not signed with our signing secret within five minutes.
/// </summary>
public sealed class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackRequestVerifier> logger)
{
    // Slack's payloads are a few kilobytes; this only stops abuse.
    public const int MaxBodyBytes = 256 * 1024;

    public async Task<SlackRequest> ReadAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return new(null, Results.NotFound());

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            logger.LogWarning("Slack request to {Path} refused: body larger than {Max} bytes", context.Request.Path, MaxBodyBytes);
            return new(null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var check = SlackSignature.Verify(
            settings.SigningSecret,
            context.Request.Headers["X-Slack-Request-Timestamp"].FirstOrDefault(),
            context.Request.Headers["X-Slack-Signature"].FirstOrDefault(),
            body,
            clock.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Slack request to {Path} from {Remote} refused: {Reason}", context.Request.Path, context.Connection.RemoteIpAddress, check);
            return new(null, Results.Text("invalid request signature", statusCode: StatusCodes.Status401Unauthorized));
        }
        return new(body, null);
    }

    /// <summary>The exact bytes received (the signature covers them), or null when over the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
