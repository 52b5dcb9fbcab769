namespace IomAssistant.Bot.Deduplication;

/// <summary>
/// Remembers which deliveries (e.g. Slack event ids) have been accepted, so a channel's retries
/// of one delivery are answered once, by whichever replica received it first.
/// </summary>
public interface IDeliveryDeduplicator
{
    /// <summary>True the first time a delivery id is claimed; false for every later delivery of it.</summary>
    ValueTask<bool> TryClaimAsync(string deliveryId);

    /// <summary>Forgets a claim whose work could not be accepted, so the channel's retry is answered.</summary>
    ValueTask ReleaseAsync(string deliveryId);
}

public static class DeliveryClaims
{
    /// <summary>How long a claim is remembered: channels retry within minutes, so an hour is ample.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
}
