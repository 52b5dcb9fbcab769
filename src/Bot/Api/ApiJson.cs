using System.Text.Json;
using System.Text.Json.Serialization;

namespace IomAssistant.Bot.Api;

/// <summary>
/// Serializers for the /api/ask bodies, generated at build time: no reflection on the hot path.
/// Web defaults, as ASP.NET Core's own, so the JSON is the same as with runtime serialization.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AskResponse))]
[JsonSerializable(typeof(ApiError))]
public sealed partial class ApiJson : JsonSerializerContext;
