using System.Text.Json;
using IomAssistant.Bot.Teams.Protocol;
using IomAssistant.Knowledge.Audiences;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Teams;

/// <summary>
/// Who asks in Teams: members of the organization's own tenant (<c>Bot:MicrosoftAppTenantId</c>)
/// are <see cref="Staff"/>; guests writing from another tenant, and any activity that names no
/// tenant, are the public. The tenant comes from an activity whose token was validated.
/// </summary>
public sealed class TeamsAudiences(IOptions<BotOptions> options)
{
    public const string Staff = "staff";

    private static readonly IReadOnlySet<string> StaffAudiences = Audience.Of([Staff]);

    public IReadOnlySet<string> Of(Activity activity)
    {
        var tenant = options.Value.MicrosoftAppTenantId.Trim();
        // Both places Teams names the tenant in, when given, must be the organization's.
        var named = new[] { activity.Conversation?.TenantId, TenantOf(activity.ChannelData) }.Where(t => t is not null).ToList();
        return tenant.Length > 0 && named.Count > 0 && named.All(t => string.Equals(t, tenant, StringComparison.OrdinalIgnoreCase))
            ? StaffAudiences
            : Audience.Public;
    }

    private static string? TenantOf(JsonElement? channelData) =>
        channelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("tenant", out var tenant) &&
        tenant.ValueKind == JsonValueKind.Object && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
