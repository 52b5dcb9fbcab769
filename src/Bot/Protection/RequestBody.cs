using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using IomAssistant.Bot.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace IomAssistant.Bot.Protection;

/// <summary>The exact bytes of a request body, or the status to refuse it with (413 when too large).</summary>
public sealed record BodyRead(byte[]? Body, int Status)
{
    public bool TooLarge => Status == StatusCodes.Status413PayloadTooLarge;
}

/// <summary>A request read into <typeparamref name="T"/> (parsed, validated), or the error and status it is refused with.</summary>
public sealed class RequestRead<T> where T : class
{
    private RequestRead(T? value, ApiError? refusal, int status) => (Value, Refusal, Status, IsAccepted) = (value, refusal, status, value is not null);

    public static RequestRead<T> Accepted(T value) => new(value, null, StatusCodes.Status200OK);

    public static RequestRead<T> Refused(string error, int status) => new(null, new ApiError(error), status);

    /// <summary>The same refusal, for a request read further (a JSON body refused before it became a question).</summary>
    public static RequestRead<T> Refused<TRead>(RequestRead<TRead> refused) where TRead : class =>
        refused.IsAccepted ? throw new ArgumentException("The request was accepted.", nameof(refused)) : new(null, refused.Refusal, refused.Status);

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted { get; }

    public T? Value { get; }

    /// <summary>What is wrong with the request, as its error body says.</summary>
    public ApiError? Refusal { get; }

    /// <summary>200 when accepted; else 400, 413 or what the server said of a body it could not receive.</summary>
    public int Status { get; }
}

/// <summary>
/// One body limit per endpoint, declared where the endpoint is mapped. The limit is endpoint
/// metadata, so Kestrel enforces it while receiving, and <see cref="ReadAsync"/> enforces it
/// again on servers that do not (the test server), before a body is buffered whole.
/// </summary>
public static class RequestBody
{
    /// <summary>Teams and Slack payloads are a few kilobytes; this only stops abuse.</summary>
    public const int BotEndpointLimit = 256 * 1024;

    /// <summary>A question is at most 2,000 characters; the rest is context and locale.</summary>
    public const int AskLimit = 64 * 1024;

    /// <summary>Applies to an endpoint mapped without a limit of its own.</summary>
    private const int DefaultLimit = 64 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, int maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(maxBytes));

    public static long LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultLimit;

    public static async Task<BodyRead> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var maxBytes = LimitOf(context);
        if (request.ContentLength > maxBytes)
            return new(null, StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    return new(null, StatusCodes.Status413PayloadTooLarge);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limit, a truncated chunked body, a client that stopped sending.
            return new(null, e.StatusCode);
        }
        return new(buffer.ToArray(), StatusCodes.Status200OK);
    }

    /// <summary>
    /// Reads the body within the endpoint's limit and parses it as strict JSON: a 413 with the
    /// limit, or a 400 with <paramref name="notJson"/>, when it cannot be used.
    /// </summary>
    public static async Task<RequestRead<JsonDocument>> ReadJsonAsync(HttpContext context, int maxDepth, string notJson)
    {
        var read = await ReadAsync(context);
        if (read.TooLarge)
            return RequestRead<JsonDocument>.Refused($"The body is larger than {LimitOf(context) / 1024} KB.", read.Status);
        if (read.Body is not { } body)
            return RequestRead<JsonDocument>.Refused("The body could not be read.", read.Status);
        try
        {
            return RequestRead<JsonDocument>.Accepted(StrictJson.Parse(body, maxDepth));
        }
        catch (JsonException)
        {
            return RequestRead<JsonDocument>.Refused(notJson, StatusCodes.Status400BadRequest);
        }
    }
}
