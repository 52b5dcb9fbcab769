using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IomAssistant.Bot.Slack;

public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    TimestampOutOfWindow,
    MalformedSignature,
    Mismatch,
}

/// <summary>
/// Slack request signing: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body), over the
/// exact bytes received, with the timestamp at most five minutes from now in either direction.
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const string Version = "v0";
    private const int HexLength = 64;

    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return SignatureCheck.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.MalformedTimestamp;
        // Both directions: a far-future timestamp would let a captured request be replayed later.
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
            return SignatureCheck.TimestampOutOfWindow;
        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal) || signature.Length != Version.Length + 1 + HexLength)
            return SignatureCheck.MalformedSignature;
        byte[] provided;
        try
        {
            provided = Convert.FromHexString(signature.AsSpan(Version.Length + 1));
        }
        catch (FormatException)
        {
            return SignatureCheck.MalformedSignature;
        }
        var expected = Compute(secret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(expected, provided) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
